# syntax=docker/dockerfile:1

# ---- build ---------------------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src

# Build configuration first (.editorconfig matters: the build enforces code style).
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ src/

# The NuGet cache mount keeps restores fast across builds without baking packages into layers.
RUN --mount=type=cache,id=omnichannel-nuget,target=/root/.nuget/packages \
    dotnet restore src/Omnichannel.Web/Omnichannel.Web.csproj \
 && dotnet publish src/Omnichannel.Web -c Release -o /app/publish --no-restore

# ---- runtime -------------------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime

# curl is only used by the container healthcheck.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
# Writable data directory for the non-root "app" user (a named volume mounts here).
RUN mkdir -p /app/data && chown "$APP_UID:$APP_UID" /app/data

# Application files stay root-owned and read-only for the app user.
COPY --from=build /app/publish ./

ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    DOTNET_NOLOGO=1 \
    DOTNET_CLI_TELEMETRY_OPTOUT=1

# APP_UID (1654) is the non-root "app" user shipped with the .NET 8+ images.
USER $APP_UID
EXPOSE 8080

HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=5 \
    CMD curl -fsS http://localhost:8080/health/ready || exit 1

ENTRYPOINT ["dotnet", "Omnichannel.Web.dll"]

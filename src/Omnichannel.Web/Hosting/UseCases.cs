using System.Diagnostics;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Common;
using Omnichannel.Data;

namespace Omnichannel.Web.Hosting;

public static class UseCaseRegistration
{
    /// <summary>The generated mediator, scoped (handlers use the request's DbContext), with its pipeline.</summary>
    public static IServiceCollection AddUseCases(this IServiceCollection services)
    {
        services.AddMediator(options =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.PipelineBehaviors = [typeof(LoggingBehavior<,>), typeof(ConcurrencyRetryBehavior<,>), typeof(ValidationBehavior<,>)];
        });
        return services;
    }
}

/// <summary>Logs the message type, outcome and duration — never the message itself (it holds customer data).</summary>
public sealed partial class LoggingBehavior<TMessage, TResponse>(ILogger<LoggingBehavior<TMessage, TResponse>> logger) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    private static readonly string MessageType = typeof(TMessage).Name;

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next(message, cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            LogHandled(logger, MessageType, elapsed);
            return response;
        }
        catch (Exception ex)
        {
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var error = ex.GetType().Name;
            LogFailed(logger, MessageType, error, elapsed);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{MessageType} handled in {ElapsedMs:0.0} ms")]
    private static partial void LogHandled(ILogger logger, string messageType, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "{MessageType} failed with {Error} after {ElapsedMs:0.0} ms")]
    private static partial void LogFailed(ILogger logger, string messageType, string error, double elapsedMs);
}

/// <summary>
/// Reruns a command when another writer changed the same conversation meanwhile (optimistic
/// concurrency on xmin). Handlers reload everything, so a rerun sees the winner's state.
/// </summary>
public sealed class ConcurrencyRetryBehavior<TMessage, TResponse>(OmnichannelDb db) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IBaseCommand
{
    private const int Attempts = 4;

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await next(message, cancellationToken);
            }
            catch (DbUpdateConcurrencyException) when (attempt < Attempts)
            {
                db.ChangeTracker.Clear();
            }
        }
    }
}

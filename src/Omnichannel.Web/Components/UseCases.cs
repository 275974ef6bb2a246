using Mediator;
using Microsoft.AspNetCore.Components.Authorization;
using Omnichannel.Common;
using Omnichannel.Web.Auth;

namespace Omnichannel.Web.Components;

/// <summary>
/// How components run use cases. A Blazor circuit's DI scope lives as long as the tab, so each
/// call gets a fresh scope (its own DbContext) with the circuit's user as the actor.
/// </summary>
public sealed class UseCases(IServiceScopeFactory scopes, AuthenticationStateProvider authentication)
{
    public async Task<TResponse> Send<TResponse>(IRequest<TResponse> request, CancellationToken cancellationToken = default) =>
        await RunAsync(mediator => mediator.Send(request, cancellationToken));

    public async Task<TResponse> Send<TResponse>(ICommand<TResponse> command, CancellationToken cancellationToken = default) =>
        await RunAsync(mediator => mediator.Send(command, cancellationToken));

    public async Task<TResponse> Send<TResponse>(IQuery<TResponse> query, CancellationToken cancellationToken = default) =>
        await RunAsync(mediator => mediator.Send(query, cancellationToken));

    public async Task<Actor> ActorAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return UserClaims.ActorOf(state.User) ?? throw new ForbiddenException("Not signed in.");
    }

    private async Task<TResponse> RunAsync<TResponse>(Func<IMediator, ValueTask<TResponse>> send)
    {
        var actor = await ActorAsync();
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().Set(actor);
        return await send(scope.ServiceProvider.GetRequiredService<IMediator>());
    }
}

using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace ConvexKit.Client.Blazor;

/// <summary>Renders <see cref="ChildContent"/> with the client's connection state, again on every change (for a Live / Reconnecting badge).</summary>
public sealed class ConvexConnectionStatus : ConvexLiveComponent
{
    private ConvexConnectionState _state;

    /// <summary>Gets or sets the client (from dependency injection).</summary>
    [Inject]
    public ConvexClient Client { get; set; } = null!;

    /// <summary>Gets or sets what to render with the current state.</summary>
    [Parameter]
    public RenderFragment<ConvexConnectionState>? ChildContent { get; set; }

    /// <inheritdoc/>
    protected override void OnInitialized()
    {
        _state = Client.ConnectionState;
        Follow(Client.WatchConnectionState(), state => _state = state);
    }

    /// <inheritdoc/>
    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddContent(0, ChildContent?.Invoke(_state));
    }
}

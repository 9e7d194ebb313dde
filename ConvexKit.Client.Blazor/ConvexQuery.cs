using ConvexKit.Client.Values;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace ConvexKit.Client.Blazor;

/// <summary>
/// A live query in markup, the counterpart of Convex's <c>useQuery</c>: it subscribes to <see cref="Query"/> with
/// <see cref="Args"/>, renders <see cref="Loading"/> until the first result and <see cref="ChildContent"/> with every
/// result after that (failures included, as a <see cref="FunctionResult"/>), and re-renders whenever the result
/// changes. New arguments resubscribe; leaving the page unsubscribes.
/// </summary>
/// <example>
/// <code>
/// &lt;ConvexQuery Query="notes:get" Args="@ConvexObject.Of((&quot;id&quot;, Id))" Context="result"&gt;
///     @(result.IsSuccess ? result.Value!["title"].AsString() : result.ErrorMessage)
/// &lt;/ConvexQuery&gt;
/// </code>
/// </example>
public sealed class ConvexQuery : ConvexLiveComponent
{
    private ConvexSubscription? _subscription;
    private FunctionResult? _result;

    /// <summary>Gets or sets the client (from dependency injection).</summary>
    [Inject]
    public ConvexClient Client { get; set; } = null!;

    /// <summary>Gets or sets the query, such as <c>notes:list</c>.</summary>
    [Parameter]
    [EditorRequired]
    public string Query { get; set; } = "";

    /// <summary>Gets or sets the arguments; none when <see langword="null"/>.</summary>
    [Parameter]
    public ConvexObject? Args { get; set; }

    /// <summary>Gets or sets what to render with each result.</summary>
    [Parameter]
    public RenderFragment<FunctionResult>? ChildContent { get; set; }

    /// <summary>Gets or sets what to render before the first result.</summary>
    [Parameter]
    public RenderFragment? Loading { get; set; }

    /// <summary>Gets or sets a callback for every result (after it rendered).</summary>
    [Parameter]
    public EventCallback<FunctionResult> OnResult { get; set; }

    /// <inheritdoc/>
    protected override async Task OnParametersSetAsync()
    {
        if (_subscription is not null && _subscription.FunctionPath == Query && Equals(_subscription.Args, Args ?? ConvexObject.Empty))
        {
            return;
        }

        await DisposeSourceAsync();
        _result = null;
        _subscription = Client.Subscribe(Query, Args);
        Follow(_subscription, result =>
        {
            _result = result;
            _ = OnResult.InvokeAsync(result);
        });
    }

    /// <inheritdoc/>
    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (_result is null)
        {
            builder.AddContent(0, Loading);
        }
        else
        {
            builder.AddContent(1, ChildContent?.Invoke(_result));
        }
    }

    /// <inheritdoc/>
    protected override async ValueTask DisposeSourceAsync()
    {
        StopFollowing();
        if (Interlocked.Exchange(ref _subscription, null) is { } subscription)
        {
            await subscription.DisposeAsync();
        }
    }
}

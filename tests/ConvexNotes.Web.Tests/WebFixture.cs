using ConvexKit.Client;
using ConvexKit.Client.Values;
using ConvexNotes.Testing;
using Microsoft.Playwright;

namespace ConvexNotes.Web.Tests;

/// <summary>The emulator (a test double of Convex), ConvexNotes.Web against it, and a real browser, shared by a class's tests.</summary>
public sealed class WebFixture : IAsyncLifetime
{
    /// <summary>Small pages, so a few notes are enough to scroll.</summary>
    public const int PageSize = 5;

    private ConvexEmulator? _emulator;
    private WebAppProcess? _app;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private ConvexClient? _convex;

    public ConvexEmulator Emulator => _emulator ?? throw new InvalidOperationException("The emulator has not started.");

    public WebAppProcess App => _app ?? throw new InvalidOperationException("The app has not started.");

    /// <summary>Gets a client of the same deployment, for arranging data behind the page's back.</summary>
    public ConvexClient Convex => _convex ?? throw new InvalidOperationException("The client has not started.");

    public async ValueTask InitializeAsync()
    {
        var token = TestContext.Current.CancellationToken;
        _emulator = await ConvexEmulator.StartAsync(new ConvexEmulatorOptions(), token).WaitAsync(TimeSpan.FromSeconds(120), token);
        _convex = new ConvexClient(_emulator.Url, new ConvexClientOptions { MaxReconnectDelay = TimeSpan.FromSeconds(1) });
        _app = await WebAppProcess.StartAsync(_emulator.Url, PageSize, token);
        _playwright = await Playwright.CreateAsync();
        _browser = await Browser.LaunchAsync(_playwright);
    }

    /// <summary>A fresh browser context and page on the notes page, once its live list has loaded.</summary>
    public async Task<IPage> OpenNotesPageAsync(int height = 900)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1100, Height = height } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(App.Url.ToString());
        await Assertions.Expect(page.GetByTestId("connection")).ToHaveTextAsync("Live", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("notes")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        return page;
    }

    public async Task<string> CreateNoteAsync(string title, string content = "") =>
        (await Convex.MutationAsync("notes:create", ConvexObject.Of(("title", title), ("content", content)))).AsString();

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (_convex is not null)
        {
            await _convex.DisposeAsync();
        }

        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
    }
}

using Microsoft.Playwright;

namespace ConvexNotes.Web.Tests;

/// <summary>
/// The real browser the tests drive: Playwright's own Chromium where it is installed, else the system's Chromium
/// (Debian's <c>chromium</c> package, which CI installs), else a failure that says how to get one. Never a skip.
/// </summary>
internal static class Browser
{
    public const string SystemChromium = "/usr/bin/chromium";

    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        try
        {
            return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { Headless = true });
        }
        catch (PlaywrightException bundled) when (bundled.Message.Contains("Executable doesn't exist", StringComparison.OrdinalIgnoreCase))
        {
            if (!File.Exists(SystemChromium))
            {
                throw new InvalidOperationException(
                    "No browser for the browser tests: Playwright's Chromium is not installed and there is no " + SystemChromium + ". "
                    + "Install one with `apt-get install -y chromium` (Debian), or `pwsh tests/ConvexNotes.Web.Tests/bin/Debug/net10.0/playwright.ps1 install chromium`.",
                    bundled);
            }

            return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                Headless = true,
                ExecutablePath = SystemChromium,
                // Root in a container has no user namespace sandbox to give Chromium.
                Args = ["--no-sandbox"],
            });
        }
    }
}

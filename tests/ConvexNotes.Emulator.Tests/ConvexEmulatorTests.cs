using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using ConvexNotes.Testing;

namespace ConvexNotes.Emulator.Tests;

/// <summary>The <see cref="ConvexEmulator"/> fixture against the real emulator process.</summary>
public sealed class ConvexEmulatorTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(90);
    private static readonly HttpClient s_http = new() { Timeout = TimeSpan.FromSeconds(30) };

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StartsOnFreeLoopbackPortsAndSaysItIsATestDouble()
    {
        await using var emulator = await StartAsync();

        Assert.Equal("127.0.0.1", emulator.Url.Host);
        Assert.Equal("127.0.0.1", emulator.SiteUrl.Host);
        Assert.NotEqual(0, emulator.Url.Port);
        Assert.NotEqual(emulator.Url.Port, emulator.SiteUrl.Port);
        var output = emulator.Output.ToList();
        var ready = output.FindIndex(line => line.StartsWith("CONVEX_EMULATOR_READY ", StringComparison.Ordinal));
        var banner = output.FindIndex(IsBanner);
        Assert.True(banner >= 0 && banner < ready, $"No banner before the READY line:{Environment.NewLine}{string.Join(Environment.NewLine, output)}");
    }

    [Fact]
    public async Task VersionAnswersOnceReady()
    {
        await using var emulator = await StartAsync();

        using var response = await s_http.GetAsync(new Uri(emulator.Url, "/version"), Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task StopInterruptsTheEmulatorWhichExitsCleanly()
    {
        await using var emulator = await StartAsync();

        var exitCode = await emulator.StopAsync(Cancellation).WaitAsync(s_timeout, Cancellation);

        Assert.Equal(0, exitCode);
        Assert.False(emulator.IsRunning);
        await Assert.ThrowsAsync<HttpRequestException>(
            () => s_http.GetAsync(new Uri(emulator.Url, "/version"), Cancellation));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ComesBackOnTheSameUrlsWithTheSameData(bool crash)
    {
        await using var emulator = await StartAsync();
        var (url, siteUrl) = (emulator.Url, emulator.SiteUrl);
        var id = await CreateNoteAsync(emulator, "survives restarts");

        if (crash)
        {
            await emulator.KillAsync().WaitAsync(s_timeout, Cancellation);
            await emulator.StartAgainAsync(Cancellation).WaitAsync(s_timeout, Cancellation);
        }
        else
        {
            await emulator.RestartAsync(Cancellation).WaitAsync(s_timeout, Cancellation);
        }

        Assert.Equal(url, emulator.Url);
        Assert.Equal(siteUrl, emulator.SiteUrl);
        var notes = await ListNotesAsync(emulator);
        Assert.Contains(notes, note => note.GetProperty("_id").GetString() == id
            && note.GetProperty("title").GetString() == "survives restarts");
    }

    [Fact]
    public async Task HandsTheInstanceNameAndAdminKeyToTheEmulator()
    {
        var adminKey = "emulator-tests|" + Guid.NewGuid().ToString("N");
        await using var emulator = await StartAsync(new() { InstanceName = "fixture-instance", AdminKey = adminKey });

        Assert.Equal(adminKey, emulator.AdminKey);
        var instanceName = await s_http.GetStringAsync(new Uri(emulator.Url, "/instance_name"), Cancellation);
        Assert.Equal("fixture-instance", instanceName.Trim());
        Assert.Equal(HttpStatusCode.OK, await CheckAdminKeyAsync(emulator, adminKey));
        Assert.NotEqual(HttpStatusCode.OK, await CheckAdminKeyAsync(emulator, adminKey + "-wrong"));
    }

    [Fact]
    public async Task RecordsEveryFrameToTheRecordFile()
    {
        var recordFile = Path.Combine(Path.GetTempPath(), $"convexnotes-record-{Guid.NewGuid():N}.jsonl");
        try
        {
            await using var emulator = await StartAsync(new() { RecordFile = recordFile });
            var sessionId = Guid.NewGuid().ToString();
            await SendConnectAsync(emulator, sessionId);
            // Stopping flushes the file.
            await emulator.StopAsync(Cancellation).WaitAsync(s_timeout, Cancellation);

            var lines = await File.ReadAllLinesAsync(recordFile, Cancellation);
            Assert.Contains(lines, line => IsIncomingConnect(line, sessionId));
        }
        finally
        {
            File.Delete(recordFile);
        }
    }

    [Fact]
    public async Task ReportsTheOutputWhenTheEmulatorCannotStart()
    {
        // A checkout without node_modules or the emulator: node exits at once.
        var emptyCheckout = Directory.CreateTempSubdirectory("convexnotes-empty-checkout-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(emptyCheckout.FullName, "ConvexNotes.sln"), "", Cancellation);

            var error = await Assert.ThrowsAsync<InvalidOperationException>(
                () => StartAsync(new() { RepositoryRoot = emptyCheckout.FullName }));

            Assert.Contains("exited with code", error.Message, StringComparison.Ordinal);
            Assert.Contains("tsx", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            emptyCheckout.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task DisposingDeletesTheDataFile()
    {
        var emulator = await StartAsync();
        await CreateNoteAsync(emulator, "written to the data file");
        Assert.True(File.Exists(emulator.DataFile));

        await emulator.DisposeAsync().AsTask().WaitAsync(s_timeout, Cancellation);

        Assert.False(emulator.IsRunning);
        Assert.False(File.Exists(emulator.DataFile));
    }

    private static Task<ConvexEmulator> StartAsync(ConvexEmulatorOptions? options = null)
    {
        var testOutput = TestContext.Current.TestOutputHelper;
        var withOutput = (options ?? new ConvexEmulatorOptions()) with { OutputReceived = line => testOutput?.WriteLine(line) };
        return ConvexEmulator.StartAsync(withOutput, Cancellation).WaitAsync(s_timeout, Cancellation);
    }

    private static bool IsBanner(string line) =>
        line.Contains("ConvexNotes emulator", StringComparison.OrdinalIgnoreCase)
        && line.Contains("not", StringComparison.OrdinalIgnoreCase);

    /// <summary>Creates a note through the HTTP function API, which answers only once the data file holds the commit.</summary>
    private static async Task<string> CreateNoteAsync(ConvexEmulator emulator, string title)
    {
        var request = new { path = "notes:create", args = new { title, content = "" }, format = "json" };
        using var response = await s_http
            .PostAsJsonAsync(new Uri(emulator.Url, "/api/mutation"), request, Cancellation)
            .WaitAsync(s_timeout, Cancellation);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.True(response.StatusCode == HttpStatusCode.OK && body.GetProperty("status").GetString() == "success", body.ToString());
        return body.GetProperty("value").GetString()!;
    }

    private static async Task<List<JsonElement>> ListNotesAsync(ConvexEmulator emulator)
    {
        var notes = await s_http
            .GetFromJsonAsync<List<JsonElement>>(new Uri(emulator.SiteUrl, "/notes"), Cancellation)
            .WaitAsync(s_timeout, Cancellation);
        return notes!;
    }

    private static async Task<HttpStatusCode> CheckAdminKeyAsync(ConvexEmulator emulator, string adminKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(emulator.Url, "/api/check_admin_key"));
        request.Headers.TryAddWithoutValidation("Authorization", $"Convex {adminKey}");
        using var response = await s_http.SendAsync(request, Cancellation).WaitAsync(s_timeout, Cancellation);
        return response.StatusCode;
    }

    private static async Task SendConnectAsync(ConvexEmulator emulator, string sessionId)
    {
        using var socket = new ClientWebSocket();
        var syncUrl = new UriBuilder(emulator.Url) { Scheme = "ws", Path = "/api/sync" }.Uri;
        await socket.ConnectAsync(syncUrl, Cancellation).WaitAsync(s_timeout, Cancellation);
        var connect = JsonSerializer.SerializeToUtf8Bytes(new
        {
            type = "Connect",
            sessionId,
            connectionCount = 0,
            lastCloseReason = "InitialConnect",
        });
        await socket.SendAsync(connect, WebSocketMessageType.Text, endOfMessage: true, Cancellation)
            .WaitAsync(s_timeout, Cancellation);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", Cancellation).WaitAsync(s_timeout, Cancellation);
    }

    private static bool IsIncomingConnect(string line, string sessionId)
    {
        using var record = JsonDocument.Parse(line);
        var root = record.RootElement;
        return root.TryGetProperty("dir", out var direction) && direction.GetString() == "in"
            && root.TryGetProperty("frame", out var frame) && frame.ValueKind == JsonValueKind.Object
            && frame.TryGetProperty("type", out var type) && type.GetString() == "Connect"
            && frame.TryGetProperty("sessionId", out var id) && id.GetString() == sessionId;
    }
}

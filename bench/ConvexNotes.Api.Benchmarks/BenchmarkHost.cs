using System.Net;
using ConvexNotes.Api.Notes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ConvexNotes.Api.Benchmarks;

/// <summary>
/// The real API (its own Program) on a loopback Kestrel port, plus one thing only this host has: <c>GET /bare</c>, an
/// endpoint that writes a fixed byte array, the baseline that <c>GET /notes</c> is compared with.
/// </summary>
internal sealed class BenchmarkHost : WebApplicationFactory<Program>
{
    public const string BarePath = "/bare";

    private readonly Uri _convexUrl;
    private byte[] _bareBody = [];

    public BenchmarkHost(Uri convexUrl)
    {
        _convexUrl = convexUrl;
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    /// <summary>Sets the bytes <c>GET /bare</c> answers with (captured once from <c>GET /notes</c>).</summary>
    public void SetBareBody(byte[] body) => _bareBody = body;

    public NotesFeed Feed => Services.GetRequiredService<NotesFeed>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("ConnectionStrings:convex", $"Endpoint={_convexUrl}");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new BareEndpoint(this)));
    }

    /// <summary>Routes <c>/bare</c> ahead of the API's own pipeline; every other path falls through to it.</summary>
    private sealed class BareEndpoint(BenchmarkHost host) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseRouting();
            app.UseEndpoints(endpoints => endpoints.MapGet(BarePath, (HttpContext context) =>
            {
                var body = host._bareBody;
                context.Response.ContentType = "application/json; charset=utf-8";
                context.Response.ContentLength = body.Length;
                return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
            }));
            next(app);
        };
    }
}

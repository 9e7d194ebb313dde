using System.Text;
using ConvexKit.Client.Engine;
using ConvexKit.Client.Protocol;

namespace ConvexKit.Client.Tests.Engine;

/// <summary>The authentication phases as an IO-free unit: inputs in, requests to the host out.</summary>
public class AuthenticationManagerUnitTests
{
    [Fact]
    public void AScheduledRefreshThatRacesAReauthenticationNeverLogsTheUserOut()
    {
        var host = new RecordingHost();
        var auth = new AuthenticationManager(host, TimeSpan.FromSeconds(10));
        auth.SetTokenProvider(_ => { });
        auth.OnTokenFetched(host.LastFetch, Jwt("cached"));
        auth.OnConfirmed();
        var fresh = Jwt("fresh");
        auth.OnTokenFetched(host.LastFetch, fresh);
        auth.OnConfirmed();
        var (refreshId, _) = Assert.Single(host.Refreshes);

        // The refresh timer fires and its fetch starts; before it returns the server rejects the token, which starts a
        // re-authentication fetch. Both come back with the same new token, the refresh first.
        auth.OnRefreshDue(refreshId);
        var refreshFetch = host.LastFetch;
        auth.OnAuthError(new AuthErrorMessage("expired", BaseVersion: 1, AuthUpdateAttempted: false));
        var reauthFetch = host.LastFetch;
        Assert.NotEqual(refreshFetch, reauthFetch);
        var newer = Jwt("newer");
        auth.OnTokenFetched(refreshFetch, newer);
        auth.OnTokenFetched(reauthFetch, newer);

        Assert.DoesNotContain(false, host.AuthChanges);
        Assert.Equal(0, host.Clears);
        Assert.Equal(newer, ((AuthenticationToken.User)host.Identity!).Token);
    }

    [Fact]
    public void ANewProviderWhilePausedKeepsThePauseInsteadOfResumingWithTheOldIdentity()
    {
        var host = new RecordingHost();
        var auth = new AuthenticationManager(host, TimeSpan.FromSeconds(10));
        auth.SetTokenProvider(null);
        Assert.True(host.Paused);
        auth.SetTokenProvider(null);
        Assert.Equal(0, host.Resumes);
        Assert.True(host.Paused);
    }

    [Fact]
    public void OnlyTheLatestFetchCounts()
    {
        var host = new RecordingHost();
        var auth = new AuthenticationManager(host, TimeSpan.FromSeconds(10));
        auth.SetTokenProvider(null);
        var first = host.LastFetch;
        auth.SetTokenProvider(null);
        auth.OnTokenFetched(first, Jwt("stale"));
        Assert.Null(host.Identity);
        auth.OnTokenFetched(host.LastFetch, Jwt("current"));
        Assert.NotNull(host.Identity);
    }

    private static string Jwt(string subject)
    {
        static string Part(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return $"{Part("""{"alg":"none"}""")}.{Part($$"""{"sub":"{{subject}}","iat":1000,"exp":4600}""")}.sig";
    }

    private sealed class RecordingHost : IAuthHost
    {
        public int LastFetch { get; private set; }

        public List<(int Id, TimeSpan Delay)> Refreshes { get; } = [];

        public AuthenticationToken? Identity { get; private set; }

        public int Clears { get; private set; }

        public bool Paused { get; private set; }

        public int Resumes { get; private set; }

        public List<bool> AuthChanges { get; } = [];

        public void FetchToken(int fetchId, bool forceRefresh) => LastFetch = fetchId;

        public void ScheduleRefresh(int refreshId, TimeSpan delay) => Refreshes.Add((refreshId, delay));

        public void SetIdentity(AuthenticationToken token) => Identity = token;

        public void ClearIdentity(bool evenIfNone)
        {
            if (evenIfNone || Identity is not null)
            {
                Clears++;
                Identity = null;
            }
        }

        public bool IsNewIdentity(AuthenticationToken token) => !Equals(Identity, token);

        public void Pause() => Paused = true;

        public void Resume()
        {
            if (Paused)
            {
                Resumes++;
            }

            Paused = false;
        }

        public void StopSocket()
        {
        }

        public void RestartSocket()
        {
        }

        public void ReportAuthChange(Action<bool> callback, bool authenticated) => AuthChanges.Add(authenticated);

        public void ReportRejected(string serverMessage)
        {
        }

        public void ReportGivenUp(string serverMessage, bool adminKey)
        {
        }
    }
}

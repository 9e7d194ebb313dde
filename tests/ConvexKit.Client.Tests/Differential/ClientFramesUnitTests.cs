using System.Text.Json.Nodes;

namespace ConvexKit.Client.Tests.Differential;

/// <summary>
/// The differential comparison must hide what legitimately differs between two runs (session ids, clocks, close
/// texts, member order, the race between one socket's close and the next one's open) and nothing else: these cases
/// feed recordings in the emulator's JSON-lines format through <see cref="Recording"/>, <see cref="ClientFrames"/> and
/// <see cref="FrameDiff"/>, and perturb them the way a client with a real protocol difference would.
/// </summary>
public sealed class ClientFramesUnitTests
{
    private const string SessionA = "7e207dcc-53c8-4cf8-ba74-20feb99914f6";
    private const string SessionB = "0b1c1a57-1d8e-4f42-9a51-2f6c0e0f3c11";

    /// <summary>A reconnect with a replayed mutation, as the npm client sends it (its member order, its close text).</summary>
    private static List<JsonObject> Reference() =>
    [
        Open(1),
        In(1, """{"connectionCount":0,"lastCloseReason":"InitialConnect","clientTs":1795540646406,"type":"Connect","sessionId":"7e207dcc-53c8-4cf8-ba74-20feb99914f6"}"""),
        In(1, """{"type":"ModifyQuerySet","baseVersion":0,"newVersion":1,"modifications":[{"type":"Add","queryId":0,"udfPath":"notes:list","args":[{}]}]}"""),
        Out(1, """{"type":"Transition","startVersion":{"querySet":0,"identity":0,"ts":"AAAAAAAAAAA="},"endVersion":{"querySet":1,"identity":0,"ts":"AF86U7QK6xg="},"modifications":[],"clientClockSkew":0,"serverTs":1}"""),
        In(1, """{"type":"Mutation","requestId":0,"udfPath":"notes:create","args":[{"content":"c","title":"t"}]}"""),
        In(1, """{"type":"Action","requestId":1,"udfPath":"jobs:run","args":[{}]}"""),
        Close(1, 1006),
        Open(2),
        In(2, """{"connectionCount":1,"lastCloseReason":"closed with code 1006","clientTs":1795540647462,"type":"Connect","sessionId":"7e207dcc-53c8-4cf8-ba74-20feb99914f6","maxObservedTimestamp":"AF86U7QK6xg="}"""),
        In(2, """{"type":"ModifyQuerySet","baseVersion":0,"newVersion":1,"modifications":[{"type":"Add","queryId":0,"udfPath":"notes:list","args":[{}],"journal":null}]}"""),
        In(2, """{"type":"Mutation","requestId":0,"udfPath":"notes:create","args":[{"content":"c","title":"t"}]}"""),
        Close(2, 1005),
    ];

    private static IReadOnlyList<string> Frames(IEnumerable<JsonObject> entries)
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(file, entries.Select(e => e.ToJsonString()));
            return ClientFrames.From(Recording.Read(file));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void OnlyClientFramesAreKeptGroupedByConnection()
    {
        var frames = Frames(Reference());

        Assert.Equal(
            [
                "-- connection 1 opened --",
                """{"clientTs":"<clientTs>","connectionCount":0,"lastCloseReason":"InitialConnect","sessionId":"<session 1>","type":"Connect"}""",
                """{"baseVersion":0,"modifications":[{"args":[{}],"queryId":0,"type":"Add","udfPath":"notes:list"}],"newVersion":1,"type":"ModifyQuerySet"}""",
                """{"args":[{"content":"c","title":"t"}],"requestId":0,"type":"Mutation","udfPath":"notes:create"}""",
                """{"args":[{}],"requestId":1,"type":"Action","udfPath":"jobs:run"}""",
                "-- connection 1 closed --",
                "-- connection 2 opened --",
                """{"clientTs":"<clientTs>","connectionCount":1,"lastCloseReason":"<close reason>","maxObservedTimestamp":"<timestamp>","sessionId":"<session 1>","type":"Connect"}""",
                """{"baseVersion":0,"modifications":[{"args":[{}],"journal":null,"queryId":0,"type":"Add","udfPath":"notes:list"}],"newVersion":1,"type":"ModifyQuerySet"}""",
                """{"args":[{"content":"c","title":"t"}],"requestId":0,"type":"Mutation","udfPath":"notes:create"}""",
                "-- connection 2 closed --",
            ],
            frames);
    }

    [Fact]
    public void WhatDiffersLegitimatelyBetweenRunsIsNormalisedAway()
    {
        var other = Reference();

        // Another random session id, another clock, another commit timestamp, .NET's member order and close text,
        // other close codes, and the old socket's close recorded after the new socket's open.
        other[1] = In(1, $$"""{"type":"Connect","sessionId":"{{SessionB}}","connectionCount":0,"lastCloseReason":"InitialConnect","clientTs":1}""");
        other[8] = In(2, $$"""{"type":"Connect","sessionId":"{{SessionB}}","connectionCount":1,"lastCloseReason":"The remote party closed the WebSocket connection without completing the close handshake.","maxObservedTimestamp":"AAAAAAAAAIA=","clientTs":2}""");
        other[6] = Close(1, 1000);
        other[11] = Close(2, 1000);
        (other[6], other[7]) = (other[7], other[6]);

        Assert.Null(FrameDiff.Describe(Frames(other), Frames(Reference())));
    }

    [Fact]
    public void ANewSessionIdOnReconnectIsADifference()
    {
        // The Rust client's behaviour: a fresh session per connection defeats the server's mutation de-duplication.
        var perturbed = Reference();
        perturbed[8] = In(2, perturbed[8]["frame"]!.ToJsonString().Replace(SessionA, SessionB, StringComparison.Ordinal));

        var report = FrameDiff.Describe(Frames(perturbed), Frames(Reference()));

        Assert.NotNull(report);
        Assert.Contains("1 difference(s)", report, StringComparison.Ordinal);
        Assert.Contains("≠  C#:  {\"clientTs\":\"<clientTs>\",\"connectionCount\":1", report, StringComparison.Ordinal);
        Assert.Contains("\"sessionId\":\"<session 2>\"", report, StringComparison.Ordinal);
    }

    [Fact]
    public void AResentActionIsADifference()
    {
        // The Rust client resends in-flight actions after a reconnect; the npm client fails them locally.
        var perturbed = Reference();
        perturbed.Insert(11, In(2, """{"type":"Action","requestId":1,"udfPath":"jobs:run","args":[{}]}"""));

        var report = FrameDiff.Describe(Frames(perturbed), Frames(Reference()));

        Assert.NotNull(report);
        Assert.Contains("<  C#:  {\"args\":[{}],\"requestId\":1,\"type\":\"Action\",\"udfPath\":\"jobs:run\"}", report, StringComparison.Ordinal);
        Assert.Contains("npm: (nothing)", report, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"requestId\":0,\"udfPath\":\"notes:create\"", "\"requestId\":2,\"udfPath\":\"notes:create\"")]
    [InlineData("\"queryId\":0,\"udfPath\":\"notes:list\",\"args\":[{}],\"journal\":null", "\"queryId\":1,\"udfPath\":\"notes:list\",\"args\":[{}],\"journal\":null")]
    [InlineData(",\"journal\":null", "")]
    [InlineData("\"lastCloseReason\":\"closed with code 1006\"", "\"lastCloseReason\":null")]
    [InlineData("\"content\":\"c\",\"title\":\"t\"}]}", "\"content\":\"c\",\"title\":\"t\",\"extra\":null}]}")]
    [InlineData("\"maxObservedTimestamp\":\"AF86U7QK6xg=\"", "\"maxObservedTimestamp\":null")]
    public void AChangedFieldInOneFrameIsADifference(string original, string perturbedText)
    {
        var perturbed = Reference();
        var index = perturbed.FindIndex(e => e["conn"]!.GetValue<int>() == 2 && e["frame"]?.ToJsonString().Contains(original, StringComparison.Ordinal) == true);
        Assert.True(index >= 0, $"No frame of connection 2 contains {original}.");
        perturbed[index] = In(2, perturbed[index]["frame"]!.ToJsonString().Replace(original, perturbedText, StringComparison.Ordinal));

        var report = FrameDiff.Describe(Frames(perturbed), Frames(Reference()));

        Assert.NotNull(report);
        Assert.Contains("1 difference(s)", report, StringComparison.Ordinal);
        Assert.Contains("^ first difference at column", report, StringComparison.Ordinal);
    }

    [Fact]
    public void FramesInAnotherOrderAreADifference()
    {
        var perturbed = Reference();
        (perturbed[4], perturbed[5]) = (perturbed[5], perturbed[4]);

        Assert.NotNull(FrameDiff.Describe(Frames(perturbed), Frames(Reference())));
    }

    [Fact]
    public void AConnectionLeftOpenIsADifference()
    {
        var perturbed = Reference();
        perturbed.RemoveAt(perturbed.Count - 1);

        var report = FrameDiff.Describe(Frames(perturbed), Frames(Reference()));

        Assert.NotNull(report);
        Assert.Contains("-- connection 2 still open --", report, StringComparison.Ordinal);
    }

    [Fact]
    public void AFrameSentOnTheWrongConnectionIsADifference()
    {
        // The replayed mutation sent before the old socket closed (so it was lost), instead of on the new socket.
        var perturbed = Reference();
        perturbed[10] = In(1, perturbed[10]["frame"]!.ToJsonString());

        Assert.NotNull(FrameDiff.Describe(Frames(perturbed), Frames(Reference())));
    }

    [Fact]
    public void AnUnfinishedLastLineIsIgnored()
    {
        // The emulator may still be appending when the recording is read.
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(file, Reference().Select(e => e.ToJsonString()));
            File.AppendAllText(file, """{"t":1,"conn":2,"dir":"in","frame":{"type":"Mut""");

            Assert.Equal(Frames(Reference()), ClientFrames.From(Recording.Read(file)));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static JsonObject Open(int connection) =>
        new() { ["t"] = 1, ["conn"] = connection, ["event"] = "open", ["path"] = "/api/sync", ["headers"] = new JsonObject() };

    private static JsonObject Close(int connection, int code) =>
        new() { ["t"] = 2, ["conn"] = connection, ["event"] = "close", ["code"] = code, ["reason"] = "" };

    private static JsonObject In(int connection, string frame) => Frame(connection, "in", frame);

    private static JsonObject Out(int connection, string frame) => Frame(connection, "out", frame);

    private static JsonObject Frame(int connection, string direction, string frame) =>
        new() { ["t"] = 1, ["conn"] = connection, ["dir"] = direction, ["frame"] = JsonNode.Parse(frame) };
}

using System.Text;
using System.Text.Json.Nodes;
using ConvexKit.Client.Protocol;
using ConvexKit.Client.Tests.Support;

namespace ConvexKit.Client.Tests.Protocol;

/// <summary>
/// Every example frame below (client and server messages as npm-packages/convex/src/browser/sync/protocol.ts defines them, and frames the published npm client was seen to send) parses, and writing the parsed message
/// reproduces the frame byte for byte (frames the JavaScript client sent) or as equal JSON (frames the doc wrote by hand
/// in another key order).
/// </summary>
public class ProtocolFrameUnitTests
{
    [Theory]
    [InlineData("""{"connectionCount":0,"lastCloseReason":"InitialConnect","clientTs":1795523562768,"type":"Connect","sessionId":"5594e746-d264-4c8d-9b92-403cdee94837"}""")]
    [InlineData("""{"connectionCount":1,"lastCloseReason":"InternalServerError","clientTs":1795523563000,"type":"Connect","sessionId":"5594e746-d264-4c8d-9b92-403cdee94837","maxObservedTimestamp":"lgAAAAAAAAA="}""")]
    [InlineData("""{"connectionCount":2,"lastCloseReason":null,"clientTs":0,"type":"Connect","sessionId":"5594e746-d264-4c8d-9b92-403cdee94837"}""")]
    [InlineData("""{"type":"ModifyQuerySet","baseVersion":0,"newVersion":1,"modifications":[{"type":"Add","queryId":0,"udfPath":"messages:list","args":[{"channel":"general"}]},{"type":"Add","queryId":1,"udfPath":"users:me","args":[{}],"journal":null}]}""")]
    [InlineData("""{"type":"ModifyQuerySet","baseVersion":1,"newVersion":2,"modifications":[{"type":"Remove","queryId":1}]}""")]
    [InlineData("""{"type":"ModifyQuerySet","baseVersion":0,"newVersion":1,"modifications":[{"type":"Add","queryId":0,"udfPath":"messages:default","args":[{"a":1.5,"b":{"$integer":"AgAAAAAAAAA="},"nan":{"$float":"AAAAAAAA+H8="},"negz":{"$float":"AAAAAAAAAIA="},"z":{"$bytes":"ABCD"}}]},{"type":"Add","queryId":1,"udfPath":"messages:list","args":[{}]}]}""")]
    [InlineData("""{"type":"ModifyQuerySet","baseVersion":0,"newVersion":1,"modifications":[{"type":"Add","queryId":0,"udfPath":"messages:default","args":[{"a":1.5,"b":{"$integer":"AgAAAAAAAAA="},"nan":{"$float":"AAAAAAAA+H8="},"negz":{"$float":"AAAAAAAAAIA="},"z":{"$bytes":"ABCD"}}],"journal":null},{"type":"Add","queryId":1,"udfPath":"messages:list","args":[{}]}]}""")]
    [InlineData("""{"type":"ModifyQuerySet","baseVersion":0,"newVersion":1,"modifications":[{"type":"Add","queryId":3,"udfPath":"notes:list","args":[{}],"journal":"opaque-journal"}]}""")]
    [InlineData("""{"type":"Mutation","requestId":0,"udfPath":"messages:send","args":[{"body":"hi","n":{"$integer":"AQAAAAAAAAA="}}]}""")]
    [InlineData("""{"type":"Action","requestId":1,"udfPath":"ai:summarize","args":[{"text":"..."}]}""")]
    [InlineData("""{"type":"Mutation","requestId":2,"udfPath":"messages:send","args":[{"body":"second"}]}""")]
    [InlineData("""{"type":"Action","requestId":1,"udfPath":"ai:do","args":[{}]}""")]
    [InlineData("""{"type":"Authenticate","baseVersion":0,"tokenType":"User","value":"eyJhbGciOi..."}""")]
    [InlineData("""{"type":"Authenticate","tokenType":"None","baseVersion":1}""")]
    [InlineData("""{"type":"Authenticate","baseVersion":0,"tokenType":"Admin","value":"adminkey123","impersonating":{"tokenIdentifier":"iss|sub","email":"a@b.c"}}""")]
    [InlineData("""{"type":"Authenticate","baseVersion":0,"tokenType":"Admin","value":"<admin key>","impersonating":{"tokenIdentifier":"https://issuer|user123","email":"a@b.c"}}""")]
    [InlineData("""{"type":"Authenticate","baseVersion":0,"tokenType":"Admin","value":"k"}""")]
    [InlineData("""{"type":"Event","eventType":"ClientConnect","event":{"marks":[1,2]}}""")]
    public void ClientFramesRoundTripByteForByte(string frame) =>
        Assert.Equal(frame, Encoding.UTF8.GetString(ClientMessageWriter.Serialize(ClientMessageReader.Parse(Encoding.UTF8.GetBytes(frame)))));

    [Theory]
    [InlineData("""{"type":"Connect","sessionId":"6f1c3c8e-4b7a-4d8e-9a51-0b9a3e2f4c11","connectionCount":0,"lastCloseReason":"InitialConnect","clientTs":1718000000000}""")]
    [InlineData("""{"type":"Authenticate","baseVersion":1,"tokenType":"None"}""")]
    public void HandWrittenClientFramesInAnotherKeyOrderRoundTripAsEqualJson(string frame)
    {
        var written = Encoding.UTF8.GetString(ClientMessageWriter.Serialize(ClientMessageReader.Parse(Encoding.UTF8.GetBytes(frame))));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(frame), JsonNode.Parse(written)), written);
        Assert.NotEqual(frame, written);
    }

    [Theory]
    [InlineData("""{"type":"Transition","startVersion":{"querySet":0,"identity":0,"ts":"AAAAAAAAAAA="},"endVersion":{"querySet":1,"identity":0,"ts":"Fc160+WP1xc="},"modifications":[{"type":"QueryUpdated","queryId":0,"value":[{"_id":"j57000820c20a1g7104gm2rc1m70ynr8","_creationTime":1717999999123.456,"body":"hi"}],"logLines":[],"journal":null}],"clientClockSkew":-35,"serverTs":1718000000123456789}""")]
    [InlineData("""{"type":"Transition","startVersion":{"querySet":0,"identity":0,"ts":"AAAAAAAAAAA="},"endVersion":{"querySet":1,"identity":0,"ts":"ZAAAAAAAAAA="},"modifications":[{"type":"QueryUpdated","queryId":0,"value":[1,{"$integer":"BQAAAAAAAAA="}],"logLines":["[LOG] 'x'"],"journal":null}],"clientClockSkew":0,"serverTs":1718000000123456800}""")]
    [InlineData("""{"type":"Transition","startVersion":{"querySet":1,"identity":0,"ts":"ZAAAAAAAAAA="},"endVersion":{"querySet":1,"identity":0,"ts":"lQAAAAAAAAA="},"modifications":[],"clientClockSkew":null,"serverTs":1}""")]
    [InlineData("""{"type":"Transition","startVersion":{"querySet":1,"identity":0,"ts":"ZAAAAAAAAAA="},"endVersion":{"querySet":2,"identity":1,"ts":"lgAAAAAAAAA="},"modifications":[{"type":"QueryFailed","queryId":0,"errorMessage":"[Request ID: 1a2b3c4d5e6f7a8b] Server Error\nUncaught Error: boom\n    at handler (../convex/messages.ts:5:9)\n","logLines":[],"journal":null,"errorData":{"code":"NOT_FOUND","message":"no"}},{"type":"QueryFailed","queryId":2,"errorMessage":"plain","logLines":["[ERROR] 'e'"],"journal":"j"},{"type":"QueryRemoved","queryId":1}],"clientClockSkew":-35,"serverTs":1718000001600123456}""")]
    [InlineData("""{"type":"MutationResponse","requestId":0,"success":true,"result":null,"ts":"AC+HJeaP1xc=","logLines":[]}""")]
    [InlineData("""{"type":"MutationResponse","requestId":0,"success":true,"result":null,"ts":"lgAAAAAAAAA=","logLines":[]}""")]
    [InlineData("""{"type":"MutationResponse","requestId":0,"success":false,"result":"[Request ID: …] Server Error\nUncaught Error: …","ts":null,"logLines":[]}""")]
    [InlineData("""{"type":"MutationResponse","requestId":0,"success":false,"result":"[Request ID: …] Server Error","ts":null,"logLines":[],"errorData":{"code":"INVALID_ARGUMENT","message":"Title is required"}}""")]
    [InlineData("""{"type":"ActionResponse","requestId":1,"success":true,"result":{"$integer":"AQAAAAAAAAA="},"logLines":["[LOG] 'a'"]}""")]
    [InlineData("""{"type":"ActionResponse","requestId":1,"success":false,"result":"<message>","logLines":[],"errorData":"d"}""")]
    [InlineData("""{"type":"AuthError","error":"<message>","baseVersion":0,"authUpdateAttempted":true}""")]
    [InlineData("""{"type":"AuthError","error":"Token expired","baseVersion":null,"authUpdateAttempted":false}""")]
    [InlineData("""{"type":"FatalError","error":"BaseVersionMismatch"}""")]
    [InlineData("""{"type":"Ping"}""")]
    [InlineData("""{"type":"TransitionChunk","chunk":"<substring>","partNumber":0,"totalParts":3,"transitionId":"1234"}""")]
    public void ServerFramesRoundTripByteForByte(string frame) =>
        Assert.Equal(frame, Encoding.UTF8.GetString(ServerMessageWriter.Serialize(ServerMessageReader.Parse(Encoding.UTF8.GetBytes(frame)))));
}

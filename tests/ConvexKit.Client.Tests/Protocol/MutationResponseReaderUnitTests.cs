using System.Text;
using ConvexKit.Client.Protocol;

namespace ConvexKit.Client.Tests.Protocol;

/// <summary>
/// The byte-level <see cref="MutationResponseReader"/> reads every <c>MutationResponse</c> shape exactly as the general,
/// document-based reader does, and leaves every other shape (which it must not guess at) to it.
/// </summary>
public class MutationResponseReaderUnitTests
{
    [Theory]
    [InlineData("""{"type":"MutationResponse","requestId":3,"success":true,"result":null,"ts":"AQAAAAAAAAA=","logLines":[]}""")]
    [InlineData("""{"type":"MutationResponse","requestId":4294967295,"success":true,"result":{"_id":"k1","n":[1,2.5e3,{"$integer":"AgAAAAAAAAA="}],"s":"h\u00e9 \"q\""},"ts":"lgAAAAAAAAA","logLines":["[LOG] 'a'","[WARN] \"b\""]}""")]
    [InlineData("""{"type":"MutationResponse","requestId":5,"success":true,"result":"text","ts":"_-AAAAAAAAA="}""")]
    [InlineData("""{"type":"MutationResponse","requestId":6,"success":true,"result":-0.5,"ts":"AQAAAAAAAAA=","logLines":null,"extra":{"ignored":[1,{"x":null}]}}""")]
    [InlineData("""{"type":"MutationResponse","requestId":7,"success":false,"result":"Uncaught Error: boom","ts":null,"logLines":["[ERROR] x"]}""")]
    [InlineData("""{"type":"MutationResponse","requestId":8,"success":false,"result":"ConvexError","errorData":{"code":"LIMIT","max":{"$integer":"CgAAAAAAAAA="}},"logLines":[]}""")]
    [InlineData("""{"type":"MutationResponse","requestId":9,"success":false,"result":"e","errorData":null,"ts":"AQAAAAAAAAA="}""")]
    [InlineData("""{"type":"MutationResponse","success":true,"ts":"AQAAAAAAAAA=","result":[ ],"requestId":10}""")]
    [InlineData(" {\n \"type\" : \"MutationResponse\" ,\n \"requestId\" : 11 , \"success\" : true , \"result\" : { \"a\" : 1 } , \"ts\" : \"AQAAAAAAAAA=\" }\n ")]
    public void ReadsWhatTheGeneralReaderReads(string frame)
    {
        var bytes = Encoding.UTF8.GetBytes(frame);
        var fast = MutationResponseReader.TryRead(bytes);
        var general = Assert.IsType<MutationResponseMessage>(ServerMessageReader.ParseDocument(bytes));

        Assert.NotNull(fast);
        Assert.Equal(general.RequestId, fast.RequestId);
        Assert.Equal(general.Success, fast.Success);
        Assert.Equal(general.ErrorMessage, fast.ErrorMessage);
        Assert.Equal(general.Ts, fast.Ts);
        Assert.Equal(general.LogLines, fast.LogLines);
        Assert.Equal(Utf8(general.Result), Utf8(fast.Result));
        Assert.Equal(Utf8(general.ErrorData), Utf8(fast.ErrorData));
        Assert.Equal(general.ToFunctionResult().Value, fast.ToFunctionResult().Value);
    }

    [Theory]
    [InlineData("""{"requestId":3,"type":"MutationResponse","success":true,"result":null,"ts":"AQAAAAAAAAA="}""")]
    [InlineData("""{"type":"MutationResponse","re\u0071uestId":3,"success":true,"result":null,"ts":"AQAAAAAAAAA="}""")]
    [InlineData("""{"type":"MutationResponse","requestId":3,"requestId":4,"success":true,"result":null,"ts":"AQAAAAAAAAA="}""")]
    [InlineData("""{"type":"MutationResponse","type":"MutationResponse","requestId":3,"success":true,"result":null,"ts":"AQAAAAAAAAA="}""")]
    [InlineData("""{"type":"MutationResponse","requestId":3,"success":true,"result":null}""")]
    [InlineData("""{"type":"MutationResponse","requestId":3,"success":true,"result":null,"ts":null}""")]
    [InlineData("""{"type":"MutationResponse","requestId":3,"success":true,"ts":"AQAAAAAAAAA="}""")]
    [InlineData("""{"type":"MutationResponse","requestId":-1,"success":true,"result":null,"ts":"AQAAAAAAAAA="}""")]
    [InlineData("""{"type":"MutationResponse","requestId":3,"success":"yes","result":null,"ts":"AQAAAAAAAAA="}""")]
    [InlineData("""{"type":"MutationResponse","requestId":3,"success":true,"result":null,"ts":"AQAA"}""")]
    [InlineData("""{"type":"MutationResponse","requestId":3,"success":false,"result":{"not":"a string"}}""")]
    [InlineData("""{"type":"MutationResponse","requestId":3,"success":true,"result":null,"ts":"AQAAAAAAAAA=","logLines":[1]}""")]
    [InlineData("""{"type":"MutationResponse","requestId":3,"success":true,"result":null,"ts":"AQAAAAAAAAA="} trailing""")]
    [InlineData("""{"type":"MutationResponse","requestId":3,"success":true,"result":null,"ts":"AQAAAAAAAAA=" """)]
    [InlineData("""{"type":"ActionResponse","requestId":3,"success":true,"result":null}""")]
    [InlineData("""{"type":"Transition","startVersion":{"querySet":0,"identity":0,"ts":"AAAAAAAAAAA="},"endVersion":{"querySet":0,"identity":0,"ts":"AQAAAAAAAAA="},"modifications":[]}""")]
    [InlineData("""[1]""")]
    public void LeavesOtherShapesToTheGeneralReader(string frame) =>
        Assert.Null(MutationResponseReader.TryRead(Encoding.UTF8.GetBytes(frame)));

    private static string? Utf8(ConvexKit.Client.Values.ConvexJsonPayload? payload) =>
        payload is null ? null : Encoding.UTF8.GetString(payload.Utf8);
}

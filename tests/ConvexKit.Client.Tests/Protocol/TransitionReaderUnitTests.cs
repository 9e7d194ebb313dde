using System.Text;
using ConvexKit.Client.Protocol;

namespace ConvexKit.Client.Tests.Protocol;

/// <summary>
/// The byte-level <see cref="TransitionReader"/> reads every <c>Transition</c> shape it takes exactly as the general,
/// document-based reader does, and leaves every other shape to it.
/// </summary>
public class TransitionReaderUnitTests
{
    private const string Versions = "\"startVersion\":{\"querySet\":1,\"identity\":0,\"ts\":\"AQAAAAAAAAA=\"},\"endVersion\":{\"querySet\":1,\"identity\":0,\"ts\":\"AgAAAAAAAAA=\"}";

    [Theory]
    [InlineData("""{"type":"Transition",""" + Versions + ""","modifications":[]}""")]
    [InlineData("""{"type":"Transition",""" + Versions + ""","modifications":[{"type":"QueryUpdated","queryId":0,"value":{"_id":"n1","title":"h\u00e9 \"q\"","n":[1,2.5e3,{"$integer":"AgAAAAAAAAA="}]},"logLines":[],"journal":null}],"clientClockSkew":-3,"serverTs":1795523562768}""")]
    [InlineData("""{"type":"Transition",""" + Versions + ""","modifications":[{"type":"QueryUpdated","queryId":4294967295,"value":null,"logLines":["[LOG] 'a'"],"journal":"opaque"},{"type":"QueryRemoved","queryId":2},{"type":"QueryUpdated","queryId":3}],"clientClockSkew":null,"serverTs":1.5e12}""")]
    [InlineData("""{"type":"Transition","modifications":[{"type":"QueryUpdated","value":"text","queryId":1,"extra":{"x":[1]},"logLines":null}],"endVersion":{"ts":"AgAAAAAAAAA","identity":2,"querySet":3,"more":true},"startVersion":{"querySet":2,"identity":2,"ts":"AQAAAAAAAAA="},"unknown":[{}]}""")]
    [InlineData(" {\n \"type\" : \"Transition\" , \"startVersion\" : { \"querySet\" : 0 , \"identity\" : 0 , \"ts\" : \"AAAAAAAAAAA=\" } , \"endVersion\" : { \"querySet\" : 1 , \"identity\" : 0 , \"ts\" : \"AQAAAAAAAAA=\" } , \"modifications\" : [ { \"type\" : \"QueryUpdated\" , \"queryId\" : 0 , \"value\" : [ 1 , 2 ] } ] }\n")]
    public void ReadsWhatTheGeneralReaderReads(string frame)
    {
        var bytes = Encoding.UTF8.GetBytes(frame);
        var fast = TransitionReader.TryRead(bytes);
        var general = Assert.IsType<TransitionMessage>(ServerMessageReader.ParseDocument(bytes));

        Assert.NotNull(fast);
        Assert.Equal(general.StartVersion, fast.StartVersion);
        Assert.Equal(general.EndVersion, fast.EndVersion);
        Assert.Equal(general.ClientClockSkew, fast.ClientClockSkew);
        Assert.Equal(general.ServerTs, fast.ServerTs);
        Assert.Equal(general.Modifications.Length, fast.Modifications.Length);
        for (var i = 0; i < general.Modifications.Length; i++)
        {
            Assert.Equal(general.Modifications[i].GetType(), fast.Modifications[i].GetType());
            Assert.Equal(general.Modifications[i].QueryId, fast.Modifications[i].QueryId);
            if (general.Modifications[i] is QueryUpdated expected)
            {
                var actual = (QueryUpdated)fast.Modifications[i];
                Assert.Equal(Encoding.UTF8.GetString(expected.Value.Utf8), Encoding.UTF8.GetString(actual.Value.Utf8));
                Assert.Equal(expected.LogLines, actual.LogLines);
                Assert.Equal(expected.Journal, actual.Journal);
            }
        }
    }

    [Theory]
    [InlineData("""{""" + Versions + ""","type":"Transition","modifications":[]}""")]
    [InlineData("""{"type":"Transition",""" + Versions + """}""")]
    [InlineData("""{"type":"Transition",""" + Versions + ""","modifications":[],"modifications":[]}""")]
    [InlineData("""{"type":"Transition","startVersion":{"querySet":1,"identity":0},"endVersion":{"querySet":1,"identity":0,"ts":"AgAAAAAAAAA="},"modifications":[]}""")]
    [InlineData("""{"type":"Transition","startVersion":{"querySet":-1,"identity":0,"ts":"AQAAAAAAAAA="},"endVersion":{"querySet":1,"identity":0,"ts":"AgAAAAAAAAA="},"modifications":[]}""")]
    [InlineData("""{"type":"Transition",""" + Versions + ""","modifications":[{"queryId":0,"type":"QueryUpdated","value":1}]}""")]
    [InlineData("""{"type":"Transition",""" + Versions + ""","modifications":[{"type":"QueryFailed","queryId":0,"errorMessage":"boom","logLines":[]}]}""")]
    [InlineData("""{"type":"Transition",""" + Versions + ""","modifications":[{"type":"QuerySomething","queryId":0}]}""")]
    [InlineData("""{"type":"Transition",""" + Versions + ""","modifications":[{"type":"QueryUpdated","value":1}]}""")]
    [InlineData("""{"type":"Transition",""" + Versions + ""","modifications":[{"type":"QueryUpdated","queryId":0,"journal":3}]}""")]
    [InlineData("""{"type":"Transition",""" + Versions + ""","modifications":[1]}""")]
    [InlineData("""{"type":"Transition",""" + Versions + ""","modifications":[],"serverTs":"soon"}""")]
    [InlineData("""{"type":"Transition",""" + Versions + ""","modifications":[]} trailing""")]
    [InlineData("""{"type":"MutationResponse","requestId":3,"success":true,"result":null,"ts":"AQAAAAAAAAA="}""")]
    public void LeavesOtherShapesToTheGeneralReader(string frame) =>
        Assert.Null(TransitionReader.TryRead(Encoding.UTF8.GetBytes(frame)));
}

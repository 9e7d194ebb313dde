using Microsoft.CodeAnalysis;

namespace ConvexKit.Client.Generators.Tests;

/// <summary>Each validator kind of the spec becomes its C# type, and the emitted code compiles.</summary>
public sealed class GeneratorMappingTests
{
    private const string AllKindsArgs = """
        {"type": "object", "value": {
          "text": {"fieldType": {"type": "string"}, "optional": false},
          "number": {"fieldType": {"type": "number"}, "optional": false},
          "int64": {"fieldType": {"type": "bigint"}, "optional": false},
          "flag": {"fieldType": {"type": "boolean"}, "optional": false},
          "data": {"fieldType": {"type": "bytes"}, "optional": false},
          "anything": {"fieldType": {"type": "any"}, "optional": false},
          "nothing": {"fieldType": {"type": "null"}, "optional": false},
          "textLiteral": {"fieldType": {"type": "literal", "value": "x"}, "optional": false},
          "numberLiteral": {"fieldType": {"type": "literal", "value": 3}, "optional": false},
          "boolLiteral": {"fieldType": {"type": "literal", "value": true}, "optional": false},
          "int64Literal": {"fieldType": {"type": "literal", "value": {"$integer": "AQAAAAAAAAA="}}, "optional": false},
          "thing": {"fieldType": {"type": "id", "tableName": "things"}, "optional": false},
          "tags": {"fieldType": {"type": "array", "value": {"type": "string"}}, "optional": false},
          "scores": {"fieldType": {"type": "record", "keys": {"type": "string"}, "values": {"fieldType": {"type": "number"}, "optional": false}}, "optional": false},
          "meta": {"fieldType": {"type": "object", "value": {"label": {"fieldType": {"type": "string"}, "optional": false}}}, "optional": false},
          "maybe": {"fieldType": {"type": "union", "value": [{"type": "string"}, {"type": "null"}]}, "optional": false},
          "status": {"fieldType": {"type": "union", "value": [{"type": "literal", "value": "draft"}, {"type": "literal", "value": "in-review"}]}, "optional": false},
          "sameKind": {"fieldType": {"type": "union", "value": [{"type": "number"}, {"type": "literal", "value": 3}]}, "optional": false},
          "later": {"fieldType": {"type": "number"}, "optional": true},
          "laterText": {"fieldType": {"type": "string"}, "optional": true},
          "_id": {"fieldType": {"type": "string"}, "optional": false}
        }}
        """;

    [Fact]
    public void EveryValidatorKindMapsToItsCSharpType()
    {
        var result = GeneratorHarness.Run(GeneratorHarness.OneFunction("kinds.js:echo", "Mutation", AllKindsArgs, """{"type": "null"}"""));

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompileErrors);
        var args = Type(result, "Sample.Api.ConvexApi.Kinds+EchoArgs");
        Assert.Equal("string", PropertyType(args, "Text"));
        Assert.Equal("double", PropertyType(args, "Number"));
        Assert.Equal("long", PropertyType(args, "Int64"));
        Assert.Equal("bool", PropertyType(args, "Flag"));
        Assert.Equal("byte[]", PropertyType(args, "Data"));
        Assert.Equal("ConvexKit.Client.Values.ConvexValue?", PropertyType(args, "Anything"));
        Assert.Equal("ConvexKit.Client.Values.ConvexValue?", PropertyType(args, "Nothing"));
        Assert.Equal("string", PropertyType(args, "TextLiteral"));
        Assert.Equal("double", PropertyType(args, "NumberLiteral"));
        Assert.Equal("bool", PropertyType(args, "BoolLiteral"));
        Assert.Equal("long", PropertyType(args, "Int64Literal"));
        Assert.Equal("Sample.Api.ThingsId", PropertyType(args, "Thing"));
        Assert.Equal("System.Collections.Generic.IReadOnlyList<string>", PropertyType(args, "Tags"));
        Assert.Equal("System.Collections.Generic.IReadOnlyDictionary<string, double>", PropertyType(args, "Scores"));
        Assert.Equal("Sample.Api.ConvexApi.Kinds.EchoArgsMeta", PropertyType(args, "Meta"));
        Assert.Equal("string?", PropertyType(args, "Maybe"));
        Assert.Equal("Sample.Api.ConvexApi.Kinds.EchoArgsStatus", PropertyType(args, "Status"));
        Assert.Equal("double", PropertyType(args, "SameKind"));
        Assert.Equal("double?", PropertyType(args, "Later"));
        Assert.Equal("string?", PropertyType(args, "LaterText"));
        Assert.Equal("string", PropertyType(args, "Id"));

        var status = Type(result, "Sample.Api.ConvexApi.Kinds+EchoArgsStatus");
        Assert.Equal(TypeKind.Enum, status.TypeKind);
        Assert.Equal(["Draft", "InReview"], status.GetMembers().OfType<IFieldSymbol>().Select(f => f.Name));
    }

    [Fact]
    public void RequiredFieldsAreRequiredInitPropertiesAndOptionalFieldsAreSettable()
    {
        var result = GeneratorHarness.Run(GeneratorHarness.OneFunction("kinds.js:echo", "Mutation", AllKindsArgs, """{"type": "null"}"""));

        var args = Type(result, "Sample.Api.ConvexApi.Kinds+EchoArgs");
        var text = args.GetMembers("Text").OfType<IPropertySymbol>().Single();
        Assert.True(text.IsRequired);
        Assert.True(text.SetMethod!.IsInitOnly);
        var later = args.GetMembers("Later").OfType<IPropertySymbol>().Single();
        Assert.False(later.IsRequired);
        Assert.False(later.SetMethod!.IsInitOnly);
    }

    [Fact]
    public void ResultsThatAreTableDocumentsUseTheTableRecord()
    {
        const string Tables = """[{"tableName": "things", "documentType": {"type": "object", "value": {"name": {"fieldType": {"type": "string"}, "optional": false}}}}]""";
        const string Document = """{"type": "object", "value": {"name": {"fieldType": {"type": "string"}, "optional": false}, "_creationTime": {"fieldType": {"type": "number"}, "optional": false}, "_id": {"fieldType": {"type": "id", "tableName": "things"}, "optional": false}}}""";
        var spec = $$$"""
            {"functions": [
              {"identifier": "things.js:list", "functionType": "Query", "visibility": {"kind": "public"}, "args": {"type": "object", "value": {}}, "returns": {"type": "array", "value": {{{Document}}}}},
              {"identifier": "things.js:get", "functionType": "Query", "visibility": {"kind": "public"}, "args": {"type": "object", "value": {}}, "returns": {"type": "union", "value": [{{{Document}}}, {"type": "null"}]}}
            ], "tables": {{{Tables}}}}
            """;

        var result = GeneratorHarness.Run(spec);

        Assert.Empty(result.CompileErrors);
        var things = Type(result, "Sample.Api.ConvexApi+Things");
        Assert.Equal(
            "ConvexKit.Client.Functions.QueryReference<ConvexKit.Client.Functions.NoArgs, System.Collections.Generic.IReadOnlyList<Sample.Api.ThingsDocument>>",
            PropertyType(things, "List"));
        Assert.Equal("ConvexKit.Client.Functions.QueryReference<ConvexKit.Client.Functions.NoArgs, Sample.Api.ThingsDocument?>", PropertyType(things, "Get"));
        var document = Type(result, "Sample.Api.ThingsDocument");
        Assert.Equal("Sample.Api.ThingsId", PropertyType(document, "Id"));
        Assert.Equal("double", PropertyType(document, "CreationTime"));
    }

    [Fact]
    public void InternalFunctionsAndNestedModulesGetTheirOwnClasses()
    {
        var spec = """
            {"functions": [
              {"identifier": "dir/file.js:run", "functionType": "Action", "visibility": {"kind": "internal"}, "args": {"type": "object", "value": {}}, "returns": {"type": "string"}},
              {"identifier": "dir/file.js:default", "functionType": "Query", "visibility": {"kind": "public"}, "args": {"type": "any"}, "returns": {"type": "any"}}
            ]}
            """;

        var result = GeneratorHarness.Run(spec, """
            public static class Paths
            {
                public static string Internal => Sample.Api.ConvexInternal.Dir.File.Run.Path;
                public static string Public => Sample.Api.ConvexApi.Dir.File.Default.Path;
            }
            """);

        Assert.Empty(result.CompileErrors);
        Assert.Contains("new(\"dir/file:run\"", result.Source, StringComparison.Ordinal);
        Assert.Contains("new(\"dir/file:default\"", result.Source, StringComparison.Ordinal);
        Assert.Equal(
            "ConvexKit.Client.Functions.QueryReference<ConvexKit.Client.Values.ConvexObject, ConvexKit.Client.Values.ConvexValue?>",
            PropertyType(Type(result, "Sample.Api.ConvexApi+Dir+File"), "Default"));
        Assert.Null(result.Output.GetTypeByMetadataName("Sample.Api.ConvexApi+Dir+File")!.GetMembers("Run").FirstOrDefault());
    }

    internal static INamedTypeSymbol Type(GeneratorHarness.Result result, string metadataName) =>
        result.Output.GetTypeByMetadataName(metadataName) ?? throw new Xunit.Sdk.XunitException($"No type {metadataName} in:\n{result.Source}");

    internal static string PropertyType(INamedTypeSymbol type, string property) =>
        type.GetMembers(property).OfType<IPropertySymbol>().Single().Type.ToDisplayString();
}

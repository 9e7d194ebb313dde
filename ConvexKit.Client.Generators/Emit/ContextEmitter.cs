using System.Linq;
using ConvexKit.Client.Generators.Model;

namespace ConvexKit.Client.Generators.Emit;

/// <summary>
/// Writes the JsonSerializerContext of the generated types. It is written out here, metadata and converters, rather than
/// left to System.Text.Json's own generator, which does not see types that another generator emits; the result is the
/// same kind of trim- and AOT-safe metadata. Converters the options already carry (ConvexKit.Client layers its Int64,
/// Float64 and bytes converters over the context) win over the defaults.
/// </summary>
internal static class ContextEmitter
{
    private const string Stj = "global::System.Text.Json.";
    private const string Ser = "global::System.Text.Json.Serialization.";
    private const string Meta = "global::System.Text.Json.Serialization.Metadata.";

    public static void Emit(CodeWriter w, ApiModel model)
    {
        var name = ApiModel.ContextName;
        w.Line("/// <summary>JSON metadata of the generated function types (trimming- and AOT-safe).</summary>");
        w.Open($"public sealed partial class {name} : {Ser}JsonSerializerContext, {Meta}IJsonTypeInfoResolver");
        w.Line($"/// <summary>Initializes a new instance of the <see cref=\"{name}\"/> class with default options.</summary>");
        w.Line($"public {name}() : base(null) {{ }}");
        w.Line();
        w.Line($"/// <summary>Initializes a new instance of the <see cref=\"{name}\"/> class bound to <paramref name=\"options\"/>.</summary>");
        w.Line("/// <param name=\"options\">The options; they must not be read-only yet.</param>");
        w.Line($"public {name}({Stj}JsonSerializerOptions options) : base(options) {{ }}");
        w.Line();
        w.Line("/// <summary>Gets the instance the function references use.</summary>");
        w.Line($"public static {name} Default {{ get; }} = new(new {Stj}JsonSerializerOptions());");
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Line($"protected override {Stj}JsonSerializerOptions? GeneratedSerializerOptions => null;");
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Line($"public override {Meta}JsonTypeInfo? GetTypeInfo(global::System.Type type) => Create(type, Options);");
        w.Line();
        w.Line($"{Meta}JsonTypeInfo? {Meta}IJsonTypeInfoResolver.GetTypeInfo(global::System.Type type, {Stj}JsonSerializerOptions options) => Create(type, options);");
        w.Line();
        w.Line($"internal {Meta}JsonTypeInfo<T> TypeInfoOf<T>() => ({Meta}JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));");
        w.Line();
        w.Open($"private static {Meta}JsonTypeInfo? Create(global::System.Type type, {Stj}JsonSerializerOptions options)");
        foreach (var type in model.Types.Values)
        {
            w.Line($"if (type == typeof({type.TypeOfCode})) return Info<{type.TypeOfCode}>(options, static o => {Converter(type)});");
        }

        w.Line("return null;");
        w.Close();
        w.Line();
        EmitHelpers(w);
        foreach (var declaration in model.Declarations)
        {
            var qualified = ApiEmitter.Qualified(model, declaration);
            switch (declaration)
            {
                case RecordDeclaration record:
                    EmitRecordConverter(w, record, qualified);
                    break;
                case EnumDeclaration enumeration:
                    EmitEnumConverter(w, enumeration, qualified);
                    break;
                case IdDeclaration id:
                    w.Open($"private sealed class {id.ConverterName} : {Ser}JsonConverter<{qualified}>");
                    w.Line($"public override {qualified} Read(ref {Stj}Utf8JsonReader reader, global::System.Type typeToConvert, {Stj}JsonSerializerOptions options) =>");
                    w.Line($"    reader.TokenType == {Stj}JsonTokenType.String ? new(reader.GetString()!) : throw new {Stj}JsonException({CodeWriter.Literal($"A {id.Table} id must be a string.")});");
                    w.Line($"public override void Write({Stj}Utf8JsonWriter writer, {qualified} value, {Stj}JsonSerializerOptions options) => writer.WriteStringValue(value.Value);");
                    w.Close();
                    break;
            }
        }

        w.Close();
    }

    private static string Converter(TypeRef type) => type.Kind switch
    {
        TypeKind.String => Meta + "JsonMetadataServices.StringConverter",
        TypeKind.Double => Meta + "JsonMetadataServices.DoubleConverter",
        TypeKind.Long => Meta + "JsonMetadataServices.Int64Converter",
        TypeKind.Bool => Meta + "JsonMetadataServices.BooleanConverter",
        TypeKind.Bytes => Meta + "JsonMetadataServices.ByteArrayConverter",
        TypeKind.Any or TypeKind.AnyObject => $"new global::ConvexKit.Client.Values.ConvexValueJsonConverterFactory().CreateConverter(typeof({type.TypeOfCode}), o)!",
        TypeKind.NoArgs => "new NoArgsConverter()",
        TypeKind.List => $"new ListConverter<{type.Element!.Code}>()",
        TypeKind.Dictionary => $"new DictionaryConverter<{type.Element!.Code}>()",
        TypeKind.Nullable => $"{Meta}JsonMetadataServices.GetNullableConverter(({Meta}JsonTypeInfo<{type.Element!.Code}>)o.GetTypeInfo(typeof({type.Element!.Code})))",
        _ => $"new {type.Converter}()",
    };

    private static void EmitRecordConverter(CodeWriter w, RecordDeclaration record, string qualified)
    {
        w.Open($"private sealed class {record.ConverterName} : {Ser}JsonConverter<{qualified}>");
        w.Open($"public override {qualified} Read(ref {Stj}Utf8JsonReader reader, global::System.Type typeToConvert, {Stj}JsonSerializerOptions options)");
        w.Line($"Json.Expect(ref reader, {Stj}JsonTokenType.StartObject, {CodeWriter.Literal(record.Name)});");
        for (var i = 0; i < record.Fields.Count; i++)
        {
            var type = record.Fields[i].Type;
            w.Line($"{type.Code}{(type.IsValueType || type.AcceptsNull ? "" : "?")} f{i} = default;");
            if (!record.Fields[i].Optional)
            {
                w.Line($"var has{i} = false;");
            }
        }

        w.Open($"while (reader.Read() && reader.TokenType != {Stj}JsonTokenType.EndObject)");
        w.Line("var name = reader.GetString();");
        w.Line("reader.Read();");
        w.Open("switch (name)");
        for (var i = 0; i < record.Fields.Count; i++)
        {
            var field = record.Fields[i];
            var read = field.Type.IsValueType || field.Type.AcceptsNull
                ? $"Json.Read<{field.Type.Code}>(ref reader, options)"
                : $"Json.ReadNotNull<{field.Type.TypeOfCode}>(ref reader, options, {CodeWriter.Literal(record.Name + "." + field.JsonName)})";
            w.Line($"case {CodeWriter.Literal(field.JsonName)}: f{i} = {read};{(field.Optional ? "" : $" has{i} = true;")} break;");
        }

        w.Line("default: reader.Skip(); break;");
        w.Close();
        w.Close();
        for (var i = 0; i < record.Fields.Count; i++)
        {
            if (!record.Fields[i].Optional)
            {
                w.Line($"if (!has{i}) throw Json.Missing({CodeWriter.Literal(record.Name)}, {CodeWriter.Literal(record.Fields[i].JsonName)});");
            }
        }

        var init = string.Join(", ", record.Fields.Select((f, i) => $"{f.PropertyName} = f{i}{(f.Type.IsValueType || f.Type.AcceptsNull ? "" : "!")}"));
        w.Line($"return new {qualified} {{ {init} }};");
        w.Close();
        w.Open($"public override void Write({Stj}Utf8JsonWriter writer, {qualified} value, {Stj}JsonSerializerOptions options)");
        w.Line("writer.WriteStartObject();");
        foreach (var field in record.Fields)
        {
            var write = $"writer.WritePropertyName({CodeWriter.Literal(field.JsonName)}); Json.Write<{field.Type.Code}>(writer, value.{field.PropertyName}, options);";
            // Optional fields are left out when unset: Convex reads a missing field as undefined, never as null.
            w.Line(field.Optional ? $"if (value.{field.PropertyName} is not null) {{ {write} }}" : write);
        }

        w.Line("writer.WriteEndObject();");
        w.Close();
        w.Close();
        w.Line();
    }

    private static void EmitEnumConverter(CodeWriter w, EnumDeclaration enumeration, string qualified)
    {
        w.Open($"private sealed class {enumeration.ConverterName} : {Ser}JsonConverter<{qualified}>");
        w.Open($"public override {qualified} Read(ref {Stj}Utf8JsonReader reader, global::System.Type typeToConvert, {Stj}JsonSerializerOptions options)");
        w.Line($"Json.Expect(ref reader, {Stj}JsonTokenType.String, {CodeWriter.Literal(enumeration.Name)});");
        w.Open("return reader.GetString() switch");
        foreach (var member in enumeration.Members)
        {
            w.Line($"{CodeWriter.Literal(member.Value)} => {qualified}.{member.Key},");
        }

        w.Line($"var other => throw new {Stj}JsonException($\"\\\"{{other}}\\\" is not a literal of {enumeration.Name}.\"),");
        w.Close(";");
        w.Close();
        w.Open($"public override void Write({Stj}Utf8JsonWriter writer, {qualified} value, {Stj}JsonSerializerOptions options)");
        w.Open("writer.WriteStringValue(value switch");
        foreach (var member in enumeration.Members)
        {
            w.Line($"{qualified}.{member.Key} => {CodeWriter.Literal(member.Value)},");
        }

        w.Line($"_ => throw new {Stj}JsonException($\"{{value}} is not a literal of {enumeration.Name}.\"),");
        w.Close(");");
        w.Close();
        w.Close();
        w.Line();
    }

    private static void EmitHelpers(CodeWriter w)
    {
        w.Line($"private static {Meta}JsonTypeInfo<T> Info<T>({Stj}JsonSerializerOptions options, global::System.Func<{Stj}JsonSerializerOptions, {Ser}JsonConverter> fallback)");
        w.Line("{");
        w.Line("    foreach (var converter in options.Converters)");
        w.Line("    {");
        w.Line("        if (converter.CanConvert(typeof(T)))");
        w.Line("        {");
        w.Line($"            return {Meta}JsonMetadataServices.CreateValueInfo<T>(options, converter is {Ser}JsonConverterFactory factory ? factory.CreateConverter(typeof(T), options)! : converter);");
        w.Line("        }");
        w.Line("    }");
        w.Line();
        w.Line($"    return {Meta}JsonMetadataServices.CreateValueInfo<T>(options, fallback(options));");
        w.Line("}");
        w.Line();
        w.Line("private static class Json");
        w.Line("{");
        w.Line($"    public static T Read<T>(ref {Stj}Utf8JsonReader reader, {Stj}JsonSerializerOptions options) =>");
        w.Line($"        {Stj}JsonSerializer.Deserialize(ref reader, ({Meta}JsonTypeInfo<T>)options.GetTypeInfo(typeof(T)))!;");
        w.Line();
        w.Line($"    public static T ReadNotNull<T>(ref {Stj}Utf8JsonReader reader, {Stj}JsonSerializerOptions options, string field) where T : class =>");
        w.Line($"        {Stj}JsonSerializer.Deserialize(ref reader, ({Meta}JsonTypeInfo<T>)options.GetTypeInfo(typeof(T))) ?? throw new {Stj}JsonException($\"{{field}} must not be null.\");");
        w.Line();
        w.Line($"    public static void Write<T>({Stj}Utf8JsonWriter writer, T value, {Stj}JsonSerializerOptions options) =>");
        w.Line($"        {Stj}JsonSerializer.Serialize(writer, value, ({Meta}JsonTypeInfo<T>)options.GetTypeInfo(typeof(T)));");
        w.Line();
        w.Line($"    public static void Expect(ref {Stj}Utf8JsonReader reader, {Stj}JsonTokenType token, string type)");
        w.Line("    {");
        w.Line("        if (reader.TokenType != token)");
        w.Line("        {");
        w.Line($"            throw new {Stj}JsonException($\"{{type}} expects {{token}}, not {{reader.TokenType}}.\");");
        w.Line("        }");
        w.Line("    }");
        w.Line();
        w.Line($"    public static {Stj}JsonException Missing(string type, string field) => new($\"{{type}} is missing its required field '{{field}}'.\");");
        w.Line("}");
        w.Line();
        w.Open($"private sealed class ListConverter<T> : {Ser}JsonConverter<global::System.Collections.Generic.IReadOnlyList<T>>");
        w.Open($"public override global::System.Collections.Generic.IReadOnlyList<T> Read(ref {Stj}Utf8JsonReader reader, global::System.Type typeToConvert, {Stj}JsonSerializerOptions options)");
        w.Line($"Json.Expect(ref reader, {Stj}JsonTokenType.StartArray, \"an array\");");
        w.Line("var items = new global::System.Collections.Generic.List<T>();");
        w.Open($"while (reader.Read() && reader.TokenType != {Stj}JsonTokenType.EndArray)");
        w.Line("items.Add(Json.Read<T>(ref reader, options));");
        w.Close();
        w.Line("return items.ToArray();");
        w.Close();
        w.Open($"public override void Write({Stj}Utf8JsonWriter writer, global::System.Collections.Generic.IReadOnlyList<T> value, {Stj}JsonSerializerOptions options)");
        w.Line("writer.WriteStartArray();");
        w.Line("foreach (var item in value) Json.Write(writer, item, options);");
        w.Line("writer.WriteEndArray();");
        w.Close();
        w.Close();
        w.Line();
        w.Open($"private sealed class DictionaryConverter<T> : {Ser}JsonConverter<global::System.Collections.Generic.IReadOnlyDictionary<string, T>>");
        w.Open($"public override global::System.Collections.Generic.IReadOnlyDictionary<string, T> Read(ref {Stj}Utf8JsonReader reader, global::System.Type typeToConvert, {Stj}JsonSerializerOptions options)");
        w.Line($"Json.Expect(ref reader, {Stj}JsonTokenType.StartObject, \"a record\");");
        w.Line("var entries = new global::System.Collections.Generic.Dictionary<string, T>(global::System.StringComparer.Ordinal);");
        w.Open($"while (reader.Read() && reader.TokenType != {Stj}JsonTokenType.EndObject)");
        w.Line("var key = reader.GetString()!;");
        w.Line("reader.Read();");
        w.Line("entries[key] = Json.Read<T>(ref reader, options);");
        w.Close();
        w.Line("return entries;");
        w.Close();
        w.Open($"public override void Write({Stj}Utf8JsonWriter writer, global::System.Collections.Generic.IReadOnlyDictionary<string, T> value, {Stj}JsonSerializerOptions options)");
        w.Line("writer.WriteStartObject();");
        w.Line("foreach (var entry in value) { writer.WritePropertyName(entry.Key); Json.Write(writer, entry.Value, options); }");
        w.Line("writer.WriteEndObject();");
        w.Close();
        w.Close();
        w.Line();
        w.Open($"private sealed class NoArgsConverter : {Ser}JsonConverter<global::ConvexKit.Client.Functions.NoArgs>");
        w.Open($"public override global::ConvexKit.Client.Functions.NoArgs Read(ref {Stj}Utf8JsonReader reader, global::System.Type typeToConvert, {Stj}JsonSerializerOptions options)");
        w.Line("reader.Skip();");
        w.Line("return global::ConvexKit.Client.Functions.NoArgs.Value;");
        w.Close();
        w.Open($"public override void Write({Stj}Utf8JsonWriter writer, global::ConvexKit.Client.Functions.NoArgs value, {Stj}JsonSerializerOptions options)");
        w.Line("writer.WriteStartObject();");
        w.Line("writer.WriteEndObject();");
        w.Close();
        w.Close();
        w.Line();
    }
}

using ConvexKit.Client.Values;
using FsCheck;
using FsCheck.Fluent;

namespace ConvexKit.Client.Tests.Support;

/// <summary>FsCheck generators of arbitrary (valid) Convex values, biased towards the encodings' edge cases.</summary>
internal static class ConvexValueGen
{
    private static readonly double[] s_edgeDoubles =
    [
        double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, 0.0, double.Epsilon, double.MaxValue, double.MinValue,
        1e21, 1e-7, 1e-6, 1e20, 0.1, 1717999999123.456, 9007199254740993, -1.5e300,
    ];

    private static readonly long[] s_edgeLongs = [0, 1, -1, long.MinValue, long.MaxValue, 1L << 53, (1L << 53) + 1];

    public static Gen<double> Double { get; } = Gen.Frequency(
        (4, ArbMap.Default.GeneratorFor<double>()),
        (2, Gen.Elements(s_edgeDoubles)),
        (2, ArbMap.Default.GeneratorFor<long>().Select(BitConverter.Int64BitsToDouble)));

    public static Gen<long> Int64 { get; } = Gen.Frequency(
        (3, ArbMap.Default.GeneratorFor<long>()),
        (1, Gen.Elements(s_edgeLongs)));

    public static Gen<string> String { get; } = Gen.Frequency(
        (3, ArbMap.Default.GeneratorFor<string>().Select(s => s ?? "").Where(s => ConvexString.FindLoneSurrogate(s) < 0)),
        (1, Gen.Elements("", "héllo", "😀", "\u2028", "\"\\\n", "<&>", "\u007f")));

    public static Gen<string> FieldName { get; } = Gen.Frequency(
        (3, Gen.Elements("_id", "_creationTime", "a", "b", "title", "A", "z", "", " ", "~tilde", "with space")),
        (2, Gen.ArrayOf(Gen.Choose(0x20, 0x7E).Select(c => (char)c), 6).Select(chars => new string(chars).TrimStart('$'))));

    public static Gen<ConvexValue> Scalar { get; } = Gen.OneOf(
        Gen.Constant<ConvexValue>(ConvexNull.Instance),
        ArbMap.Default.GeneratorFor<bool>().Select(b => (ConvexValue)b),
        Int64.Select(i => (ConvexValue)i),
        Double.Select(d => (ConvexValue)d),
        String.Select(s => (ConvexValue)new ConvexString(s)),
        ArbMap.Default.GeneratorFor<byte[]>().Select(b => (ConvexValue)new ConvexBytes(b ?? [])));

    public static Gen<ConvexValue> Value { get; } = Gen.Sized(size => OfSize(Math.Min(size, 24)));

    public static Gen<ConvexObject> Object { get; } = Gen.Sized(size => ObjectOfSize(Math.Min(size, 24)));

    public static Arbitrary<ConvexValue> ValueArbitrary { get; } = Arb.From(Value);

    private static Gen<ConvexValue> OfSize(int size) => size <= 1
        ? Scalar
        : Gen.Frequency(
            (3, Scalar),
            (1, Gen.ListOf(OfSize(size / 3), Math.Min(size, 6)).Select(items => (ConvexValue)new ConvexArray(items))),
            (1, ObjectOfSize(size).Select(o => (ConvexValue)o)));

    private static Gen<ConvexObject> ObjectOfSize(int size) =>
        Gen.ListOf(Gen.Zip(FieldName, OfSize(size / 3)), Math.Min(size, 6))
            .Select(pairs => new ConvexObject(pairs
                .DistinctBy(p => p.Item1, StringComparer.Ordinal)
                .Select(p => new KeyValuePair<string, ConvexValue?>(p.Item1, p.Item2))));
}

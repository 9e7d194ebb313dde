namespace Microsoft.Extensions.Hosting;

/// <summary>Aspire service defaults shared by the ConvexNotes services.</summary>
public static class Extensions
{
}

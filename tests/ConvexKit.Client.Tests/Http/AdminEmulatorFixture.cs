using ConvexNotes.Testing;

namespace ConvexKit.Client.Tests.Http;

/// <summary>One real emulator per test class that accepts <see cref="AdminKey"/>.</summary>
public sealed class AdminEmulatorFixture() : EmulatorFixture(new ConvexEmulatorOptions { AdminKey = AdminKey })
{
    public const string AdminKey = "convexnotes-http-tests|0123456789abcdef";
}

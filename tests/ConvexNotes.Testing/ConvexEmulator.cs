namespace ConvexNotes.Testing;

/// <summary>Placeholder: the emulator process fixture lands with the emulator (issue 2).</summary>
public static class ConvexEmulatorPlaceholder
{
}

using System.Diagnostics;
using System.Runtime.InteropServices;

namespace ConvexNotes.Testing;

/// <summary>Sends SIGINT, which .NET has no managed API for: <see cref="Process.Kill()"/> is SIGKILL and skips the emulator's shutdown.</summary>
internal static partial class PosixSignals
{
    private const int SigInt = 2;

    public static bool TryInterrupt(Process process) =>
        !OperatingSystem.IsWindows() && Kill(process.Id, SigInt) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}

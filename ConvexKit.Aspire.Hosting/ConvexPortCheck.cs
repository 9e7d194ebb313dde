using System.Net;
using System.Net.Sockets;

namespace ConvexKit.Aspire.Hosting;

/// <summary>
/// Checks before a Convex child starts that its host ports are free. A container whose port is taken fails with a
/// runtime error that says little, and the emulator's bind error comes after its banner; either way everything that
/// waits for Convex would wait forever. This says which port, what holds it (probably), and what to do.
/// </summary>
internal static class ConvexPortCheck
{
    /// <summary>Throws when one of <paramref name="ports"/> is already bound on this machine.</summary>
    /// <exception cref="DistributedApplicationException">A port is in use.</exception>
    public static void EnsureFree(string resourceName, params (int Port, string What)[] ports)
    {
        foreach (var (port, what) in ports)
        {
            if (!IsFree(port))
            {
                throw new DistributedApplicationException(
                    $"Port {port} ({what}) is already in use, so '{resourceName}' can't start. Another Convex backend, emulator or dashboard " +
                    $"is probably running (another AppHost, `npx convex dev`, a container left behind). Stop it, or give this app other " +
                    $"ports: .WithHostPorts(api: 3310, site: 3311, dashboard: 6891) on the Convex resource.");
            }
        }
    }

    // Both the loopback and the wildcard address: a container runtime publishes on 0.0.0.0, the emulator on 127.0.0.1.
    private static bool IsFree(int port) => CanBind(IPAddress.Loopback, port) && CanBind(IPAddress.Any, port);

    private static bool CanBind(IPAddress address, int port)
    {
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            // Not SO_REUSEADDR: a port in TIME_WAIT is usable, one with a listener is not, and that is the question.
            socket.Bind(new IPEndPoint(address, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}

using System.Diagnostics;

namespace ConvexKit.Client.Diagnostics;

/// <summary>
/// The tags one client puts on all its spans and measurements: the deployment's host and port, and the transport.
/// Built once per client, so a call allocates nothing for them.
/// </summary>
internal sealed class ConvexServerTags
{
    public ConvexServerTags(Uri deploymentUrl, string transport)
    {
        ArgumentNullException.ThrowIfNull(deploymentUrl);
        Address = deploymentUrl.IdnHost;
        Port = deploymentUrl.Port;
        Transport = transport;
    }

    public string Address { get; }

    public int Port { get; }

    public string Transport { get; }

    public void AddTo(ref TagList tags)
    {
        tags.Add(ConvexTelemetryNames.ServerAddress, Address);
        tags.Add(ConvexTelemetryNames.ServerPort, Port);
        tags.Add(ConvexTelemetryNames.Transport, Transport);
    }

    public void AddTo(Activity activity)
    {
        activity.SetTag(ConvexTelemetryNames.ServerAddress, Address);
        activity.SetTag(ConvexTelemetryNames.ServerPort, Port);
        activity.SetTag(ConvexTelemetryNames.Transport, Transport);
    }
}

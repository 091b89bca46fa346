using System;
using System.Collections.Concurrent;
using System.Management.Automation.Runspaces;
using GdprOps.Sources.Graph;

namespace GdprOps.PowerShell.Adapters;

/// <summary>
/// The connection of each PowerShell session (runspace): Connect-GdprOps sets it, every cmdlet reuses it,
/// Disconnect-GdprOps (or closing the runspace) ends it. Runspaces never see each other's connection.
/// </summary>
internal static class GdprOpsSession
{
    private static readonly ConcurrentDictionary<Guid, (GraphConnection Connection, GraphConnectionInfo Info)> Connections = new();

    public static (GraphConnection Connection, GraphConnectionInfo Info)? Current =>
        Key is { } key && Connections.TryGetValue(key, out var entry) ? entry : null;

    public static void Set(GraphConnection connection, GraphConnectionInfo info)
    {
        var runspace = Runspace.DefaultRunspace ?? throw new InvalidOperationException("No PowerShell runspace.");
        if (Connections.TryRemove(runspace.InstanceId, out var previous))
        {
            previous.Connection.Dispose();
        }
        else
        {
            runspace.StateChanged += OnStateChanged;
        }

        Connections[runspace.InstanceId] = (connection, info);
    }

    public static bool Remove()
    {
        if (Key is { } key && Connections.TryRemove(key, out var entry))
        {
            entry.Connection.Dispose();
            return true;
        }

        return false;
    }

    private static Guid? Key => Runspace.DefaultRunspace?.InstanceId;

    private static void OnStateChanged(object? sender, RunspaceStateEventArgs e)
    {
        if (sender is Runspace runspace && e.RunspaceStateInfo.State is RunspaceState.Closed or RunspaceState.Broken
            && Connections.TryRemove(runspace.InstanceId, out var entry))
        {
            runspace.StateChanged -= OnStateChanged;
            entry.Connection.Dispose();
        }
    }
}

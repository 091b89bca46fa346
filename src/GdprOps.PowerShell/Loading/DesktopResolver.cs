using System;
using System.IO;
using System.Reflection;

namespace GdprOps.PowerShell.Loading;

/// <summary>Windows PowerShell 5.1 has no load contexts: resolve the engine and its dependencies from dependencies/desktop.</summary>
internal static class DesktopResolver
{
    private static readonly object s_gate = new();
    private static string? s_directory;
    private static bool s_registered;

    /// <summary>Hooks the resolver up, again after a removal (Import-Module -Force unregisters, then imports once more).</summary>
    public static void Register(string directory)
    {
        lock (s_gate)
        {
            s_directory ??= directory;
            if (!s_registered)
            {
                AppDomain.CurrentDomain.AssemblyResolve += Resolve;
                s_registered = true;
            }
        }
    }

    public static void Unregister()
    {
        lock (s_gate)
        {
            AppDomain.CurrentDomain.AssemblyResolve -= Resolve;
            s_registered = false;
        }
    }

    private static Assembly? Resolve(object? sender, ResolveEventArgs args)
    {
        if (s_directory is null)
        {
            return null;
        }

        string path = Path.Combine(s_directory, new AssemblyName(args.Name).Name + ".dll");
        return File.Exists(path) ? Assembly.LoadFrom(path) : null;
    }
}

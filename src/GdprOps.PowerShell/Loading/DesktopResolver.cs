using System;
using System.IO;
using System.Reflection;

namespace GdprOps.PowerShell.Loading;

/// <summary>Windows PowerShell 5.1 has no load contexts: resolve the engine and its dependencies from dependencies/desktop.</summary>
internal static class DesktopResolver
{
    private static string? s_directory;

    public static void Register(string directory)
    {
        if (s_directory is not null)
        {
            return;
        }

        s_directory = directory;
        AppDomain.CurrentDomain.AssemblyResolve += Resolve;
    }

    public static void Unregister() => AppDomain.CurrentDomain.AssemblyResolve -= Resolve;

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

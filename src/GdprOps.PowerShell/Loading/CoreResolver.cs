using System;
using System.Reflection;
using System.Runtime.Loader;

namespace GdprOps.PowerShell.Loading;

/// <summary>
/// PowerShell 7: when the cmdlet assembly (default context) asks for an engine assembly, hand it over from
/// the module's load context; every third-party assembly the engine references then resolves there too.
/// Kept in its own class so Windows PowerShell never loads AssemblyLoadContext.
/// </summary>
internal static class CoreResolver
{
    private static readonly string[] EngineAssemblies = { "GdprOps.Core", "GdprOps.Sources" };
    private static readonly object s_gate = new();
    private static GdprOpsLoadContext? s_context;
    private static bool s_registered;

    /// <summary>
    /// Hooks the resolver up (again after a removal: Import-Module -Force runs Unregister, then the same, already
    /// loaded assembly imports once more) and reuses the one load context, whose types objects in the session hold.
    /// </summary>
    public static void Register(string dependencyDirectory)
    {
        lock (s_gate)
        {
            s_context ??= new GdprOpsLoadContext(dependencyDirectory);
            if (!s_registered)
            {
                AssemblyLoadContext.Default.Resolving += Resolve;
                s_registered = true;
            }
        }
    }

    public static void Unregister()
    {
        // The context stays: types it loaded may still be referenced by objects in the session.
        lock (s_gate)
        {
            AssemblyLoadContext.Default.Resolving -= Resolve;
            s_registered = false;
        }
    }

    private static Assembly? Resolve(AssemblyLoadContext context, AssemblyName name)
    {
        if (s_context is null || Array.IndexOf(EngineAssemblies, name.Name) < 0)
        {
            return null;
        }

        return s_context.LoadFromAssemblyName(name);
    }
}

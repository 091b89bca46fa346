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
    private static GdprOpsLoadContext? s_context;

    public static void Register(string dependencyDirectory)
    {
        if (s_context is not null)
        {
            return;
        }

        s_context = new GdprOpsLoadContext(dependencyDirectory);
        AssemblyLoadContext.Default.Resolving += Resolve;
    }

    public static void Unregister()
    {
        // The context stays: types it loaded may still be referenced by objects in the session.
        AssemblyLoadContext.Default.Resolving -= Resolve;
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

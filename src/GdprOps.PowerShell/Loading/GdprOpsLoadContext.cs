using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace GdprOps.PowerShell.Loading;

/// <summary>
/// The module's own load context on PowerShell 7: it loads what it finds in dependencies/ and returns null
/// for everything else, so the framework and PowerShell's own assemblies come from the default context.
/// </summary>
public sealed class GdprOpsLoadContext : AssemblyLoadContext
{
    private readonly string _directory;

    public GdprOpsLoadContext(string directory)
    {
        _directory = directory;
    }

    public string DependencyDirectory => _directory;

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        string path = Path.Combine(_directory, assemblyName.Name + ".dll");
        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }
}

using System;
using System.IO;
using System.Management.Automation;

namespace GdprOps.PowerShell.Loading;

/// <summary>
/// Runs when the module is imported. It only hooks assembly resolution for the engine; nothing heavy is
/// loaded until a command needs it. PowerShell 7 gets a private load context so GdprOps' dependencies
/// never clash with what Az, Microsoft.Graph or PnP loaded; Windows PowerShell resolves from
/// dependencies/desktop.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private static readonly string ModuleDirectory = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location)!;

    public static bool IsDesktop { get; } =
        System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);

    public void OnImport()
    {
        string dependencies = Path.Combine(ModuleDirectory, "dependencies");
        if (IsDesktop)
        {
            DesktopResolver.Register(Path.Combine(dependencies, "desktop"));
        }
        else
        {
            CoreResolver.Register(dependencies);
        }
    }

    public void OnRemove(PSModuleInfo psModuleInfo)
    {
        if (IsDesktop)
        {
            DesktopResolver.Unregister();
        }
        else
        {
            CoreResolver.Unregister();
        }
    }
}

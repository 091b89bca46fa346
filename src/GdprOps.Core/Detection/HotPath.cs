using System.Runtime.CompilerServices;

namespace GdprOps.Detection;

/// <summary>
/// The method options of the detection engine's hot methods: compiled fully optimised at their first call. The CLI
/// quick-compiles every other method (its start-up, option parsing, reporting), loops included, so a sweep starts sooner,
/// while the loops that read every character are never run from quick-compiled code waiting to be tiered up. Under .NET
/// Framework (netstandard2.0) there is no such option: none.
/// </summary>
internal static class HotPath
{
#if NET
    public const MethodImplOptions Options = MethodImplOptions.AggressiveOptimization;
#else
    public const MethodImplOptions Options = 0;
#endif
}

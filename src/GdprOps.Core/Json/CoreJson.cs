using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using GdprOps.Cases;
using GdprOps.Export;
using GdprOps.Export.Package;

namespace GdprOps.Json;

/// <summary>
/// Every type GdprOps writes or reads as JSON with the serializer, its metadata generated at build time: no reflection at
/// run time, so the native-AOT build of the CLI reads and writes exactly what the .NET build does (reflection-based
/// serialization does not exist there), and a type missing here fails in every build alike, in the tests.
/// The audit log's values are typed <c>object</c>: each type it puts there is listed (string, long, string[] and the
/// counts' Dictionary&lt;string, long&gt;).
/// </summary>
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(Dictionary<string, long>))]
[JsonSerializable(typeof(Dictionary<string, object>))]
[JsonSerializable(typeof(List<string[]>))]
[JsonSerializable(typeof(GdprCase))]
[JsonSerializable(typeof(ShardManifest))]
[JsonSerializable(typeof(ExportedItem))]
[JsonSerializable(typeof(SubjectExporter.JournalLine))]
[JsonSerializable(typeof(SubjectExporter.PackageManifest))]
internal sealed partial class CoreJsonContext : JsonSerializerContext
{
}

/// <summary>Options of the house's JSON files, resolved by <see cref="CoreJsonContext"/> only.</summary>
internal static class CoreJson
{
    /// <summary>Compact, names as declared: audit lines, checkpoints, JSON strings.</summary>
    public static JsonSerializerOptions Compact { get; } = Sealed(new JsonSerializerOptions());

    /// <summary>Indented, names as declared: case files.</summary>
    public static JsonSerializerOptions Indented { get; } = Sealed(new JsonSerializerOptions { WriteIndented = true });

    /// <summary>Indented, camelCase names: shard manifests, export manifests.</summary>
    public static JsonSerializerOptions IndentedCamelCase { get; } = Sealed(new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase });

    /// <summary>Compact, camelCase names: the export journal.</summary>
    public static JsonSerializerOptions CompactCamelCase { get; } = Sealed(new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase });

    /// <summary>The metadata of <typeparamref name="T"/> under <paramref name="options"/>.</summary>
    public static JsonTypeInfo<T> Info<T>(this JsonSerializerOptions options) => (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));

    /// <summary>A JSON string literal of <paramref name="text"/>, escaped as the serializer escapes.</summary>
    public static string Quote(string text) => JsonSerializer.Serialize(text, Compact.Info<string>());

    private static JsonSerializerOptions Sealed(JsonSerializerOptions options)
    {
        options.TypeInfoResolver = CoreJsonContext.Default;
        options.MakeReadOnly();
        return options;
    }
}

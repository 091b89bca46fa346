using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography.Pkcs;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using GdprOps.Audit;
using GdprOps.Json;
using GdprOps.Model;
using GdprOps.Sources;

namespace GdprOps.Export.Package;

// The subject export, continued: the package folder: a new one, or an interrupted export resumed from its journal or manifest.
public sealed partial class SubjectExporter
{
    /// <summary>Creates the folder, or reads the journal of an interrupted export when resuming.</summary>
    private Dictionary<string, ExportedItem> PrepareFolder(string root)
    {
        var done = new Dictionary<string, ExportedItem>(StringComparer.Ordinal);
        if (Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).Any())
        {
            if (!_options.Resume)
            {
                throw new GdprOpsException(ErrorIds.ExportPathInvalid, ErrorKind.InvalidArgument,
                    $"The folder '{root}' is not empty. Use a new folder per request, or -Resume to continue an interrupted export.");
            }

            string journal = Path.Combine(root, Journal);
            string manifest = Path.Combine(root, ManifestJson);
            if (!File.Exists(journal) && File.Exists(manifest))
            {
                // A finished package (its journal removed): what its manifest lists is done.
                try
                {
                    using var document = JsonDocument.Parse(File.ReadAllText(manifest, Encoding.UTF8));
                    foreach (var element in document.RootElement.GetProperty("items").EnumerateArray())
                    {
                        if (JsonSerializer.Deserialize(element.GetRawText(), CoreJson.IndentedCamelCase.Info<ExportedItem>()) is { } item)
                        {
                            done[item.SourceKind + "|" + item.Source + "|" + item.ItemId] = item;
                        }
                    }
                }
                catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
                {
                    throw new GdprOpsException(ErrorIds.ExportPathInvalid, ErrorKind.InvalidData, $"The folder '{root}' holds a manifest.json that is not a GdprOps package manifest; it cannot be resumed.", ex);
                }
            }

            if (File.Exists(journal))
            {
                foreach (string line in File.ReadAllLines(journal, Encoding.UTF8))
                {
                    try
                    {
                        var entry = JsonSerializer.Deserialize(line, CoreJson.IndentedCamelCase.Info<JournalLine>());
                        if (entry?.Key is { } key && entry.Item is { } item)
                        {
                            done[key] = item;
                        }
                    }
                    catch (JsonException)
                    {
                        // A line cut off by the interruption: that item is exported again.
                    }
                }
            }
        }

        OwnerOnly.CreateDirectory(root);
        return done;
    }

    private static void AppendJournal(string root, string key, ExportedItem item)
    {
        string journal = Path.Combine(root, Journal);
        bool created = !File.Exists(journal);
        using var stream = new FileStream(journal, FileMode.Append, FileAccess.Write, FileShare.Read);
        if (created)
        {
            OwnerOnly.Restrict(journal);
        }

        byte[] line = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new JournalLine { Key = key, Item = item }, CoreJson.CompactCamelCase.Info<JournalLine>()) + "\n");
        stream.Write(line, 0, line.Length);
        stream.Flush(flushToDisk: true);
    }
}

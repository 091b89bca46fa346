using System;
using System.IO;
using System.Threading.Tasks;

namespace GdprOps.Extraction.Formats;

/// <summary>Zip archives: every entry through the same extractor ("Archive:path/in/zip"), nested archives within the depth budget.</summary>
internal static class ZipExtractor
{
    public static async Task ExtractAsync(ExtractionContext context, Stream stream, string where, int depth)
    {
        using var archive = ZipInspector.Open(stream, context.Budget);
        foreach (var entry in archive.Entries)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            if (entry.FullName.EndsWith("/", StringComparison.Ordinal))
            {
                continue;
            }

            string name = entry.FullName.Replace('\\', '/');
            string part = ContentExtractor.Within(where, "Archive:" + name);
            context.Sink.AppendLine(part, name);
            try
            {
                await ExtractEntryAsync(context, entry, name, part, depth).ConfigureAwait(false);
            }
            catch (InvalidDataException)
            {
                context.Result.Partial(part + ": corrupt or encrypted entry");
            }
        }
    }

    private static async Task ExtractEntryAsync(ExtractionContext context, System.IO.Compression.ZipArchiveEntry entry, string name, string part, int depth)
    {
        using var input = entry.Open();
        using var content = SpillStream.Create(entry.Length);
        context.CopyCounted(input, content);
        content.Position = 0;
        await context.Extractor.ExtractNestedAsync(context, content, name, Path.GetExtension(name), part, depth + 1).ConfigureAwait(false);
    }
}

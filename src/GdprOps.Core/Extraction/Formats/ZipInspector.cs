using System.IO;
using System.IO.Compression;

namespace GdprOps.Extraction.Formats;

/// <summary>Checks a zip's directory before anything is inflated: entry count, declared sizes and compression ratios.</summary>
internal static class ZipInspector
{
    public static ZipArchive Open(Stream stream, ExtractionBudget budget)
    {
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException ex)
        {
            throw new ExtractionLimitException("corrupt or not a zip/Office file", ex);
        }

        try
        {
            if (archive.Entries.Count > budget.MaxEntries)
            {
                throw new ExtractionLimitException($"{archive.Entries.Count} entries, more than the {budget.MaxEntries} allowed");
            }

            long declared = 0;
            foreach (var entry in archive.Entries)
            {
                declared += entry.Length;
                if (entry.Length > 1024 * 1024 && entry.CompressedLength > 0 && entry.Length / entry.CompressedLength > budget.MaxCompressionRatio)
                {
                    throw new ExtractionLimitException($"compression ratio over {budget.MaxCompressionRatio}:1 (zip bomb?)");
                }
            }

            if (declared > budget.MaxInflatedBytes)
            {
                throw new ExtractionLimitException($"would inflate to {declared} bytes, more than {budget.MaxInflatedBytes} (zip bomb?)");
            }

            return archive;
        }
        catch
        {
            archive.Dispose();
            throw;
        }
    }
}

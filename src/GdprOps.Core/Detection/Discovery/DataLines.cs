using System.Collections.Generic;
using System.IO;

namespace GdprOps.Detection.Discovery;

/// <summary>The lines of an embedded data file (special-categories.tsv, clinical-word-forms.tsv): tab-separated fields, '#' comments and empty lines skipped.</summary>
internal static class DataLines
{
    /// <summary>Each data line's number (counting every line, for errors that name it) and fields.</summary>
    public static IEnumerable<(int Number, string[] Fields)> Read(TextReader reader)
    {
        int number = 0;
        for (string? line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            number++;
            if (line.Length > 0 && line[0] != '#')
            {
                yield return (number, line.Split('\t'));
            }
        }
    }
}

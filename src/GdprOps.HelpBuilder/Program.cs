using System;
using System.IO;
using System.Linq;
using GdprOps.HelpBuilder;

// Usage: GdprOps.HelpBuilder <markdown folder> <output MAML file>
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: GdprOps.HelpBuilder <markdown folder> <output maml file>");
    return 2;
}

try
{
    var pages = Directory.GetFiles(args[0], "*-*.md").OrderBy(p => p, StringComparer.Ordinal).Select(MarkdownHelpReader.Read).ToList();
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(args[1]))!);
    MamlWriter.Write(pages).Save(args[1]);
    Console.WriteLine($"GdprOps.HelpBuilder: {pages.Count} commands -> {args[1]}");
    return 0;
}
catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
{
    Console.Error.WriteLine("GdprOps.HelpBuilder: error: " + ex.Message);
    return 1;
}

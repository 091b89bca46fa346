using System;
using System.Collections.Generic;
using System.Linq;
using GdprOps.Model;
using GdprOps.Sources.Blob;
using GdprOps.Sources.FileSystem;
using GdprOps.Sources.Graph;

namespace GdprOps.Sources;

/// <summary>The sources to sweep again after a removal: every mailbox, drive, share and container the findings came from.</summary>
public static class VerificationScope
{
    public static IReadOnlyList<IItemSource> For(IEnumerable<Finding> findings, SubjectProfile subject, GraphConnection? connection, string? blobConnectionString)
    {
        var sources = new List<IItemSource>();
        foreach (var group in findings.GroupBy(f => (f.SourceKind, f.Source)))
        {
            var (kind, source) = group.Key;
            switch (kind)
            {
                case SourceKind.Mailbox when connection is not null:
                    sources.Add(new MailboxSource(connection, source, subject, new MailSweepOptions()));
                    break;
                case SourceKind.Drive when connection is not null:
                    sources.Add(new DriveSource(connection, source, group.First().Owner ?? "drive " + source, null, subject, deep: false));
                    break;
                case SourceKind.Blob:
                    var first = group.First();
                    string container = source.Substring(source.IndexOf('/') + 1);
                    if (blobConnectionString is not null)
                    {
                        sources.Add(new BlobContainerSource(BlobContainers.FromConnectionString(blobConnectionString, container), null));
                    }
                    else if (connection is not null && Uri.TryCreate(first.ItemUri, UriKind.Absolute, out var uri))
                    {
                        string path = uri.GetLeftPart(UriPartial.Path);
                        string containerUrl = path.Substring(0, path.IndexOf("/" + container + "/", StringComparison.Ordinal) + container.Length + 1);
                        sources.Add(new BlobContainerSource(BlobContainers.FromUri(new Uri(containerUrl), connection.Credential), null));
                    }

                    break;
                case SourceKind.FileShare:
                    sources.Add(new FileSystemSource(source, new FileSystemSourceOptions()));
                    break;
            }
        }

        return sources;
    }
}

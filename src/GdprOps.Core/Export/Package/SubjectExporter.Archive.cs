using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Security.Cryptography.Pkcs;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using GdprOps.Audit;
using GdprOps.Model;
using GdprOps.Sources;

namespace GdprOps.Export.Package;

// The subject export, continued: the zip, its parts and the CMS envelope.
public sealed partial class SubjectExporter
{
    /// <summary>Fills parts in item order up to the split size; an item bigger than the size gets a part of its own.</summary>
    private static void AssignParts(List<ExportedItem> items, long splitSize)
    {
        int part = 1;
        long used = 0;
        foreach (var item in items)
        {
            if (used > 0 && used + item.Size > splitSize)
            {
                part++;
                used = 0;
            }

            item.Part = part;
            used += item.Size;
        }
    }

    /// <summary>One zip, or part01..partNN with the manifest and README in part01.</summary>
    private List<string> WriteArchives(string root, List<ExportedItem> items, string stem)
    {
        int parts = _options.SplitSize is null ? 1 : Math.Max(1, items.Select(i => i.Part).DefaultIfEmpty(1).Max());
        var archives = new List<string>();
        for (int part = 1; part <= parts; part++)
        {
            string zip = parts == 1 ? stem + ".zip" : stem + ".part" + part.ToString("D2", CultureInfo.InvariantCulture) + ".zip";
            if (File.Exists(zip))
            {
                File.Delete(zip);
            }

            using (var stream = OwnerOnly.Create(zip))
            using (var archive = new ZipArchive(stream, ZipArchiveMode.Create))
            {
                var files = items.Where(i => parts == 1 || i.Part == part).Select(i => i.File).ToList();
                if (part == 1)
                {
                    files.AddRange(new[] { ManifestJson, ManifestCsv, Readme });
                    if (_options.PortableData)
                    {
                        files.Add(Package.PortableData.FileName);
                    }
                }

                foreach (string file in files)
                {
                    archive.CreateEntryFromFile(InPackage(root, file), file, CompressionLevel.Optimal);
                }
            }

            archives.Add(zip);
        }

        return archives;
    }

    private static string Encrypt(string zip, string sealedZipName, System.Security.Cryptography.X509Certificates.X509Certificate2 certificate)
    {
        string encrypted = sealedZipName + ".p7m";
        var envelope = new EnvelopedCms(new ContentInfo(File.ReadAllBytes(zip)));
        envelope.Encrypt(new CmsRecipient(SubjectIdentifierType.IssuerAndSerialNumber, certificate));
        using (var output = OwnerOnly.Create(encrypted))
        {
            byte[] sealedBytes = envelope.Encode();
            output.Write(sealedBytes, 0, sealedBytes.Length);
        }

        File.Delete(zip);
        return encrypted;
    }
}

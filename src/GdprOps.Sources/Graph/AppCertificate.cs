using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace GdprOps.Sources.Graph;

/// <summary>
/// The app's sign-in certificate, loaded the same way for Connect-GdprOps and the command line: by thumbprint from the
/// CurrentUser, then the LocalMachine 'My' store, or from a .pfx file with its private key kept in memory only.
/// </summary>
public static class AppCertificate
{
    /// <summary>X509KeyStorageFlags.EphemeralKeySet, which netstandard2.0 does not name (.NET Framework 4.7.2+ and .NET Core 2.0+ know it).</summary>
    private const X509KeyStorageFlags EphemeralKeySet = (X509KeyStorageFlags)32;

    /// <summary>
    /// The certificate with <paramref name="thumbprint"/>; spaces, colons and the invisible marks certmgr copies along
    /// (U+200E, U+200F, U+FEFF) are ignored.
    /// </summary>
    /// <exception cref="GdprOpsException">No such certificate in either store.</exception>
    public static X509Certificate2 FromStore(string thumbprint)
    {
        string clean = new string(thumbprint.Where(Uri.IsHexDigit).ToArray());
        foreach (var location in new[] { StoreLocation.CurrentUser, StoreLocation.LocalMachine })
        {
            using var store = new X509Store(StoreName.My, location);
            try
            {
                store.Open(OpenFlags.ReadOnly);
            }
            catch (CryptographicException)
            {
                continue; // A store that does not exist here (LocalMachine on Linux for a normal user) holds nothing.
            }

            var found = store.Certificates.Find(X509FindType.FindByThumbprint, clean, validOnly: false);
            if (found.Count > 0)
            {
                return found[0];
            }
        }

        throw new GdprOpsException(ErrorIds.ConnectionFailed, ErrorKind.NotFound, $"No certificate with thumbprint {clean} in the CurrentUser or LocalMachine 'My' store.");
    }

    /// <summary>A .pfx (PKCS#12) file with the private key; the key is not written to the machine's key store where the platform allows.</summary>
    /// <exception cref="GdprOpsException">The file is missing, not a certificate, or the password is wrong.</exception>
    public static X509Certificate2 FromFile(string path, string? password)
    {
        // macOS cannot hold a key only in memory; everywhere else the key never touches the disk.
        var flags = RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? X509KeyStorageFlags.DefaultKeySet : EphemeralKeySet;
        try
        {
#pragma warning disable SYSLIB0057 // The loader API is .NET 9+; this assembly also runs in Windows PowerShell 5.1.
            return new X509Certificate2(path, password, flags);
#pragma warning restore SYSLIB0057
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new GdprOpsException(ErrorIds.ConnectionFailed, ErrorKind.InvalidData, $"The certificate file could not be opened ({ex.GetType().Name}): check the path and the password.", ex);
        }
    }
}

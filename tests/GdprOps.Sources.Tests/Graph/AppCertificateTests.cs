using System;
using System.IO;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using GdprOps.Sources.Graph;
using GdprOps.Tests.Shared;
using Xunit;

namespace GdprOps.Tests.Sources;

/// <summary>The one certificate loader Connect-GdprOps and the command line share.</summary>
public class AppCertificateTests
{
    [Fact]
    public void A_pfx_loads_with_its_private_key_and_a_wrong_password_is_a_clear_refusal_without_the_password()
    {
        using var dir = new TempFolder();
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=gdprops-test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        string pfx = Path.Combine(dir.Path, "app.pfx");
        File.WriteAllBytes(pfx, made.Export(X509ContentType.Pfx, "s3cret-pw"));

        using var loaded = AppCertificate.FromFile(pfx, "s3cret-pw");
        Assert.True(loaded.HasPrivateKey);
        Assert.Equal(made.Thumbprint, loaded.Thumbprint);

        var wrong = Assert.Throws<GdprOpsException>(() => AppCertificate.FromFile(pfx, "wrong-pw"));
        Assert.Equal(ErrorIds.ConnectionFailed, wrong.ErrorId);
        Assert.DoesNotContain("wrong-pw", wrong.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorIds.ConnectionFailed, Assert.Throws<GdprOpsException>(() => AppCertificate.FromFile(Path.Combine(dir.Path, "missing.pfx"), null)).ErrorId);
    }

    [Fact]
    public void A_thumbprint_copied_with_spaces_and_invisible_marks_is_looked_up_clean()
    {
        var missing = Assert.Throws<GdprOpsException>(() => AppCertificate.FromStore("\u200e3a 1f 0c 9e 8d 7b 6a 5f 4e 3d 2c 1b 0a 9f 8e 7d 6c 5b 4a 39"));
        Assert.Contains("thumbprint 3a1f0c9e8d7b6a5f4e3d2c1b0a9f8e7d6c5b4a39 in the CurrentUser or LocalMachine", missing.Message, StringComparison.Ordinal);
    }
}

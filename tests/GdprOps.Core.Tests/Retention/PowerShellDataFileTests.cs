using System;
using System.Collections.Generic;
using GdprOps.Retention;
using Xunit;

namespace GdprOps.Tests.Retention;

public class PowerShellDataFileTests
{
    [Fact]
    public void Literals_as_Import_PowerShellDataFile_reads_them()
    {
        var value = PowerShellDataFile.Parse("""
            <# policy #>
            @{
                Version = 1; Ratio = 0.5; Negative = -3
                'quoted key' = 'it''s'
                "double" = "tab`there ""quoted"" `$5"
                flags = @($true, $FALSE, $null)
                folders = 'inbox', 'sentitems'   # a bare list
                rules = @(
                    @{ name = 'a' }
                    @{ name = 'b' }
                )
                empty = @()
            }
            """);
        var table = Assert.IsType<Dictionary<string, object?>>(value);
        Assert.Equal(1L, table["version"]);
        Assert.Equal(0.5, table["Ratio"]);
        Assert.Equal(-3L, table["Negative"]);
        Assert.Equal("it's", table["quoted key"]);
        Assert.Equal("tab\there \"quoted\" $5", table["double"]);
        Assert.Equal(new object?[] { true, false, null }, (List<object?>)table["flags"]!);
        Assert.Equal(new object?[] { "inbox", "sentitems" }, (List<object?>)table["folders"]!);
        Assert.Equal(2, ((List<object?>)table["rules"]!).Count);
        Assert.Empty((List<object?>)table["empty"]!);
    }

    [Theory]
    [InlineData("@{ a = $env:PATH }", "line 1: $env is a variable")]
    [InlineData("@{ a = \"$(Remove-Item x)\" }", "line 1: a double-quoted string would expand")]
    [InlineData("@{\n a = Get-Date\n}", "line 2: 'G' cannot start a value")]
    [InlineData("@{ a = 1; a = 2 }", "the key 'a' appears twice")]
    [InlineData("@{ a = 1", "the hashtable is not closed")]
    [InlineData("@{ a = 1 } @{ b = 2 }", "only one value")]
    [InlineData("@{ a = @'\nx\n'@ }", "here-strings are not read")]
    public void Anything_but_literals_is_refused_with_its_line(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => PowerShellDataFile.Parse(text));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}

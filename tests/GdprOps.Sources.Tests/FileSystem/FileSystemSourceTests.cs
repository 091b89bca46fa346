using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using GdprOps.Sources;
using GdprOps.Sources.FileSystem;
using GdprOps.Tests.Shared;
using Xunit;

namespace GdprOps.Tests.Sources;

public class FileSystemSourceTests
{
    private static async Task<(List<SourceItem> Items, RecordingHost Host)> List(string root, FileSystemSourceOptions? options = null)
    {
        var host = new RecordingHost();
        var items = new List<SourceItem>();
        await foreach (var item in new FileSystemSource(root, options).EnumerateAsync(host, default))
        {
            items.Add(item);
        }

        return (items, host);
    }

    private static string[] Ids(IEnumerable<SourceItem> items) => items.Select(i => i.ItemId.Replace('\\', '/')).OrderBy(i => i, StringComparer.Ordinal).ToArray();

    [Fact]
    public async Task Lists_files_with_identity_and_version()
    {
        using var dir = new TempFolder();
        string file = dir.File("HR/a.txt", "hello");
        var (items, _) = await List(dir.Path);
        var item = Assert.Single(items);
        Assert.Equal("HR", item.Location);
        Assert.Equal(Path.Combine("HR", "a.txt"), item.ItemId);
        Assert.Equal(file, item.ItemUri);
        Assert.Equal(5, item.SizeBytes);
        Assert.Equal(".txt", item.Extension);
        Assert.StartsWith("5@", item.Version, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Include_exclude_and_depth_narrow_the_walk()
    {
        using var dir = new TempFolder();
        dir.File("a.txt", "");
        dir.File("b.csv", "");
        dir.File("Archive/c.txt", "");
        dir.File("HR/d.txt", "");
        dir.File("HR/deep/e.txt", "");

        Assert.Equal(new[] { "HR/d.txt", "HR/deep/e.txt", "a.txt" }, Ids((await List(dir.Path, new FileSystemSourceOptions { Include = new[] { "*.TXT" }, Exclude = new[] { "archive" } })).Items));
        Assert.Equal(new[] { "a.txt", "b.csv" }, Ids((await List(dir.Path, new FileSystemSourceOptions { Depth = 0 })).Items));
        Assert.Equal(new[] { "HR/d.txt" }, Ids((await List(dir.Path, new FileSystemSourceOptions { Include = new[] { "HR/*.txt" } })).Items));
    }

    [Fact]
    public async Task A_single_file_root_is_listed()
    {
        using var dir = new TempFolder();
        string file = dir.File("x.txt", "x");
        Assert.Equal(file, Assert.Single((await List(file)).Items).ItemUri);
    }

    [Fact]
    public async Task Missing_root_is_a_path_not_found_error()
    {
        var (items, host) = await List(Path.Combine(Path.GetTempPath(), "gdprops-missing-" + Guid.NewGuid()));
        Assert.Empty(items);
        Assert.Equal(ErrorIds.PathNotFound, Assert.Single(host.Errors).ErrorId);
    }

    [Fact]
    public async Task Linked_folders_are_skipped_unless_followed_and_loops_are_entered_once()
    {
        using var dir = new TempFolder();
        dir.File("data/a.txt", "");
        Directory.CreateSymbolicLink(Path.Combine(dir.Path, "data", "loop"), Path.Combine(dir.Path, "data"));
        Directory.CreateSymbolicLink(Path.Combine(dir.Path, "alias"), Path.Combine(dir.Path, "data"));

        Assert.Equal(new[] { "data/a.txt" }, Ids((await List(dir.Path)).Items));
        var followed = await List(dir.Path, new FileSystemSourceOptions { FollowLinks = true });
        Assert.Single(followed.Items);
        Assert.Contains(followed.Host.Verbose, v => v.Contains("already swept", StringComparison.Ordinal));
    }

    [Fact]
    public void A_pathological_glob_on_a_long_name_answers_at_once()
    {
        // "*a*a*...*b" against 'aaaa...' is exponential for a backtracking engine (it would hit the 1 s timeout).
        var pattern = new GdprOps.Sources.FileSystem.WildcardPattern(string.Concat(Enumerable.Repeat("*a", 12)) + "*b");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Assert.False(pattern.IsMatch(new string('a', 4_000), new string('a', 4_000)));
        Assert.True(pattern.IsMatch(new string('a', 4_000) + "b", "x"));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), clock.Elapsed.ToString());
    }

    [Fact]
    public async Task A_name_in_another_encoding_is_its_own_result_and_the_walk_goes_on()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var dir = new TempFolder();
        string root = Path.Combine(dir.Path, "share");
        Directory.CreateDirectory(Path.Combine(root, "a"));
        Directory.CreateDirectory(Path.Combine(root, "b"));
        byte[] Latin1(string path) => System.Text.Encoding.UTF8.GetBytes(path).Concat(new byte[] { 0 }).ToArray();
        // "Søren.txt" and a folder "cæ" written in Latin-1 (ø = 0xF8, æ = 0xE6): not valid UTF-8 on Linux.
        byte[] file = Latin1(Path.Combine(root, "a", "S")).SkipLast(1).Concat(new byte[] { 0xF8 }).Concat(System.Text.Encoding.ASCII.GetBytes("ren.txt\0")).ToArray();
        int fd = Native.creat(file, Convert.ToUInt32("644", 8));
        Assert.True(fd >= 0);
        Native.close(fd);
        byte[] folder = Latin1(Path.Combine(root, "c")).SkipLast(1).Concat(new byte[] { 0xE6, 0 }).ToArray();
        Assert.Equal(0, Native.mkdir(folder, Convert.ToUInt32("755", 8)));
        dir.File("share/b/ok.txt", "x");
        dir.File("share/z.txt", "x");

        var (items, host) = await List(root);

        var unreadable = Assert.Single(items, i => i.ItemName.Contains('\uFFFD'));
        Assert.Contains("not valid UTF-8", unreadable.NotReadableReason, StringComparison.Ordinal);
        Assert.Contains(items, i => i.ItemId == Path.Combine("b", "ok.txt"));
        Assert.Contains(items, i => i.ItemId == "z.txt");
        var error = Assert.Single(host.Errors);
        Assert.Equal(ErrorIds.DirectoryReadFailed, error.ErrorId);
        Assert.Contains("not valid UTF-8", error.Message, StringComparison.Ordinal);
    }

    private static class Native
    {
        [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
        public static extern int creat(byte[] path, uint mode);

        [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
        public static extern int mkdir(byte[] path, uint mode);

        [System.Runtime.InteropServices.DllImport("libc")]
        public static extern int close(int fd);
    }
}

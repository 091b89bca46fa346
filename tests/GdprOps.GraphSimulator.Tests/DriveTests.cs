using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using GdprOps.GraphSimulator.Model;
using Microsoft.Graph;
using Microsoft.Graph.Drives.Item.Items.Item.Delta;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Xunit;

namespace GdprOps.GraphSimulator.Tests;

public sealed class DriveTests
{
    [Fact]
    public async Task OneDrive_site_libraries_and_team_drives_are_reachable_the_documented_ways()
    {
        var (server, alice, _) = await SmallTenant.StartAsync();
        await using var _ = server;
        var graph = Graph.Client(server, maxRetry: 0);

        var oneDrive = await graph.Users[alice.UserPrincipalName].Drive.GetAsync();
        Assert.Equal("personal", oneDrive!.DriveType);
        Assert.Equal(alice.Id, oneDrive.Owner!.User!.Id);

        var sites = await graph.Sites.GetAllSites.GetAsGetAllSitesGetResponseAsync();
        var site = Assert.Single(sites!.Value!);
        var libraries = await graph.Sites[site.Id].Drives.GetAsync();
        Assert.Equal("documentLibrary", Assert.Single(libraries!.Value!).DriveType);
        var byPath = await graph.Sites[$"{server.Tenant.SharePointHost}:/sites/hr:"].GetAsync();
        Assert.Equal(site.Id, byPath!.Id);

        var teams = await graph.Groups.GetAsync(r => r.QueryParameters.Filter = "resourceProvisioningOptions/Any(x:x eq 'Team')");
        var team = Assert.Single(teams!.Value!);
        var teamDrive = await graph.Groups[team.Id].Drive.GetAsync();
        Assert.Equal(server.Tenant.Groups[0].Drive!.Id, teamDrive!.Id);

        var noSearch = await Assert.ThrowsAsync<ODataError>(() => graph.Sites.GetAsync());
        Assert.Equal(400, noSearch.ResponseStatusCode);
    }

    [Fact]
    public async Task Children_page_and_content_redirects_to_a_download_url_on_the_same_server()
    {
        var (server, alice, _) = await SmallTenant.StartAsync();
        await using var _ = server;
        var drive = alice.Drive!;
        for (int i = 0; i < 7; i++)
        {
            drive.AddFile(drive.Root, $"file{i}.txt", Encoding.UTF8.GetBytes($"content {i}"), "text/plain", $"content {i}", SmallTenant.Now);
        }

        var graph = Graph.Client(server);
        var first = await graph.Drives[drive.Id].Items["root"].Children.GetAsync(r => r.QueryParameters.Top = 3);
        int count = 0;
        await PageIterator<DriveItem, DriveItemCollectionResponse>.CreatePageIterator(graph, first!, _ =>
        {
            count++;
            return true;
        }).IterateAsync();
        Assert.Equal(7, count);

        var item = drive.Root.ChildIds.Select(id => drive.Items[id]).First(i => i.Name == "file3.txt");
        using var stream = await graph.Drives[drive.Id].Items[item.Id].Content.GetAsync();
        using var reader = new StreamReader(stream!);
        Assert.Equal("content 3", await reader.ReadToEndAsync());
        Assert.Equal(302, server.Log.Records.Single(r => r.Endpoint == "driveItem.content").Status);

        var meta = await graph.Drives[drive.Id].Items[item.Id].GetAsync();
        Assert.StartsWith(server.Origin.ToString().TrimEnd('/') + "/_download/", (string)meta!.AdditionalData["@microsoft.graph.downloadUrl"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delta_lists_everything_then_only_changes_with_deleted_facets_and_410_when_expired()
    {
        var (server, alice, _) = await SmallTenant.StartAsync();
        await using var _ = server;
        var drive = alice.Drive!;
        var folder = drive.AddFolder(drive.Root, "HR", SmallTenant.Now);
        var keep = drive.AddFile(folder, "keep.txt", new byte[] { 1 }, "text/plain", "keep", SmallTenant.Now);
        var bin = drive.AddFile(folder, "bin.txt", new byte[] { 2 }, "text/plain", "bin", SmallTenant.Now);
        var purge = drive.AddFile(drive.Root, "purge.txt", new byte[] { 3 }, "text/plain", "purge", SmallTenant.Now);
        var graph = Graph.Client(server, maxRetry: 0);

        var round = await graph.Drives[drive.Id].Items["root"].Delta.GetAsDeltaGetResponseAsync();
        // driveitem-delta.md, Remarks: no parentReference.path, and an item may appear more than once (last wins).
        Assert.Equal(5, round!.Value!.Select(i => i.Id).Distinct().Count());
        Assert.Contains(round.Value!.GroupBy(i => i.Id), g => g.Count() > 1);
        Assert.All(round.Value!, i => Assert.Null(i.ParentReference?.Path));
        Assert.Contains(round.Value!, i => i.Root is not null);
        string deltaLink = round.OdataDeltaLink!;

        await graph.Drives[drive.Id].Items[bin.Id].DeleteAsync();
        await graph.Drives[drive.Id].Items[purge.Id].PermanentDelete.PostAsync();
        var added = drive.AddFile(folder, "new.txt", new byte[] { 4 }, "text/plain", "new", SmallTenant.Now);

        var changes = await new DeltaRequestBuilder(deltaLink, graph.RequestAdapter).GetAsDeltaGetResponseAsync();
        Assert.Equal(new[] { bin.Id, purge.Id }.OrderBy(x => x), changes!.Value!.Where(i => i.Deleted is not null).Select(i => i.Id).OrderBy(x => x));
        Assert.Contains(changes.Value!, i => i.Id == added.Id && i.Deleted is null);
        Assert.DoesNotContain(changes.Value!, i => i.Id == keep.Id);

        drive.DeltaFloor = drive.CurrentSequence + 1;
        var expired = await Assert.ThrowsAsync<ODataError>(() => new DeltaRequestBuilder(changes.OdataDeltaLink!, graph.RequestAdapter).GetAsDeltaGetResponseAsync());
        Assert.Equal(410, expired.ResponseStatusCode);
        Assert.Equal("resyncRequired", expired.Error!.Code);
    }

    [Fact]
    public async Task Search_matches_names_and_indexed_content()
    {
        var (server, alice, _) = await SmallTenant.StartAsync();
        await using var _ = server;
        var drive = alice.Drive!;
        var hit = drive.AddFile(drive.Root, "contract.docx", new byte[] { 1 }, "application/octet-stream", "Employment contract for Søren Østergaard", SmallTenant.Now);
        drive.AddFile(drive.Root, "menu.txt", new byte[] { 2 }, "text/plain", "Lunch menu", SmallTenant.Now);
        var graph = Graph.Client(server);

        var byContent = await graph.Drives[drive.Id].Items["root"].SearchWithQ("Soren Ostergaard").GetAsSearchWithQGetResponseAsync();
        Assert.Equal(hit.Id, Assert.Single(byContent!.Value!).Id);
        var byName = await graph.Drives[drive.Id].Items["root"].SearchWithQ("contract").GetAsSearchWithQGetResponseAsync();
        Assert.Equal(hit.Id, Assert.Single(byName!.Value!).Id);
        var quoted = await graph.Drives[drive.Id].Items["root"].SearchWithQ("O'Brien").GetAsSearchWithQGetResponseAsync();
        Assert.Empty(quoted!.Value!);
    }

    [Fact]
    public async Task Deletes_check_etags_go_to_the_recycle_bin_and_holds_refuse_them()
    {
        var (server, alice, _) = await SmallTenant.StartAsync();
        await using var _ = server;
        var drive = alice.Drive!;
        var file = drive.AddFile(drive.Root, "a.txt", Encoding.UTF8.GetBytes("v1"), "text/plain", "a", SmallTenant.Now);
        var locked = drive.AddFile(drive.Root, "locked.txt", new byte[] { 1 }, "text/plain", "locked", SmallTenant.Now);
        var preserved = drive.AddFile(drive.Root, "preserved.txt", new byte[] { 1 }, "text/plain", "preserved", SmallTenant.Now);
        locked.Hold = HoldResponse.Locked;
        preserved.Hold = HoldResponse.AccessDenied;
        var graph = Graph.Client(server, maxRetry: 0);
        var items = graph.Drives[drive.Id].Items;

        string staleETag = (await items[file.Id].GetAsync())!.ETag!;
        var updated = await items[file.Id].Content.PutAsync(new MemoryStream(Encoding.UTF8.GetBytes("v2")));
        Assert.NotEqual(staleETag, updated!.ETag);

        var mismatch = await Assert.ThrowsAsync<ODataError>(() => items[file.Id].DeleteAsync(r => r.Headers.Add("If-Match", staleETag)));
        Assert.Equal(412, mismatch.ResponseStatusCode);
        await items[file.Id].DeleteAsync(r => r.Headers.Add("If-Match", updated.ETag!));
        Assert.True(file.InRecycleBin);
        Assert.Equal(404, (await Assert.ThrowsAsync<ODataError>(() => items[file.Id].GetAsync())).ResponseStatusCode);

        Assert.Equal(423, (await Assert.ThrowsAsync<ODataError>(() => items[locked.Id].DeleteAsync())).ResponseStatusCode);
        var denied = await Assert.ThrowsAsync<ODataError>(() => items[preserved.Id].PermanentDelete.PostAsync());
        Assert.Equal(403, denied.ResponseStatusCode);
        Assert.Contains("hold", denied.Error!.Message, StringComparison.OrdinalIgnoreCase);
        Assert.True(drive.Items.ContainsKey(preserved.Id));
    }
}

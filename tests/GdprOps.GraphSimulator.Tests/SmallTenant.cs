using System;
using System.Threading.Tasks;
using GdprOps.GraphSimulator.Generation;
using GdprOps.GraphSimulator.Model;

namespace GdprOps.GraphSimulator.Tests;

/// <summary>A tenant of one's own for tests that change data: two mailboxes, a OneDrive each, one site, one team.</summary>
internal static class SmallTenant
{
    public static readonly DateTimeOffset Now = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    public static async Task<(GraphSimulatorServer Server, SimUser Alice, SimUser Bob)> StartAsync(int messages = 0)
    {
        var tenant = new SimTenant(seed: 3);
        var alice = tenant.AddUser("alice", "Alice Archer", created: Now);
        var bob = tenant.AddUser("bob", "Bob Baker", created: Now);
        tenant.AddSite("hr", "Human Resources", Now, "Documents");
        tenant.AddTeam("Customer Care", Now);
        if (messages > 0)
        {
            TenantGenerator.Fill(tenant, alice, "inbox", messages, Now);
        }

        return (await GraphSimulatorServer.StartAsync(tenant), alice, bob);
    }

    public static SimMessage Plant(GraphSimulatorServer server, SimUser owner, string folder, string subject, DateTimeOffset? received = null)
    {
        var mailbox = owner.Mailbox!;
        return mailbox.Add(TenantGenerator.NewMessage(server.Tenant, mailbox.WellKnown(folder), new SimAddress("Carol", "carol@example.org"),
            new[] { new SimAddress(owner.DisplayName, owner.UserPrincipalName) }, subject, "Body of " + subject, null, received ?? Now.AddDays(-1), Array.Empty<SimAttachment>()));
    }
}

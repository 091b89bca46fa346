using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using GdprOps.GraphSimulator.Model;

namespace GdprOps.GraphSimulator.Handlers;

/// <summary>The JSON shapes of drive and driveItem.</summary>
internal static class DriveJson
{
    public static readonly HashSet<string> ItemProperties = new(StringComparer.OrdinalIgnoreCase)
    {
        "id", "name", "eTag", "cTag", "size", "createdDateTime", "lastModifiedDateTime", "webUrl", "parentReference",
        "file", "folder", "root", "deleted", "createdBy", "lastModifiedBy", "fileSystemInfo", "@microsoft.graph.downloadUrl",
    };

    public static JsonObject Drive(SimDrive drive, string? ownerId, string? ownerName, bool ownerIsGroup) => new()
    {
        ["id"] = drive.Id,
        ["driveType"] = drive.DriveType,
        ["name"] = drive.Name,
        ["webUrl"] = drive.WebUrl,
        ["createdDateTime"] = MailJson.Time(drive.Root.CreatedDateTime),
        ["owner"] = ownerId is null ? null : new JsonObject
        {
            [ownerIsGroup ? "group" : "user"] = new JsonObject { ["id"] = ownerId, ["displayName"] = ownerName },
        },
    };

    public static JsonObject Item(SimDrive drive, SimDriveItem item, string? downloadUrl)
    {
        var json = new JsonObject
        {
            ["@odata.etag"] = item.ETag,
            ["id"] = item.Id,
            ["name"] = item.Name,
            ["eTag"] = item.ETag,
            ["cTag"] = item.CTag,
            ["size"] = item.IsFolder ? drive.LiveChildren(item).Sum(c => (long)c.Content.Length) : item.Content.LongLength,
            ["createdDateTime"] = MailJson.Time(item.CreatedDateTime),
            ["lastModifiedDateTime"] = MailJson.Time(item.LastModifiedDateTime),
            ["webUrl"] = item.ParentId is null ? drive.WebUrl : $"{drive.WebUrl}{drive.PathOf(item)["/drive/root:".Length..]}/{Uri.EscapeDataString(item.Name)}",
            ["parentReference"] = new JsonObject
            {
                ["driveId"] = drive.Id,
                ["driveType"] = drive.DriveType,
                ["id"] = item.ParentId,
                ["path"] = item.ParentId is null ? null : drive.PathOf(item),
            },
        };
        if (item.CreatedBy is { } by)
        {
            json["createdBy"] = new JsonObject { ["user"] = new JsonObject { ["displayName"] = by.Name, ["email"] = by.Address } };
        }

        if (item.ParentId is null)
        {
            json["root"] = new JsonObject();
        }

        if (item.IsFolder)
        {
            json["folder"] = new JsonObject { ["childCount"] = drive.LiveChildren(item).Count() };
        }
        else
        {
            json["file"] = new JsonObject
            {
                ["mimeType"] = item.MimeType,
                ["hashes"] = new JsonObject { ["sha256Hash"] = Convert.ToHexString(SHA256.HashData(item.Content)) },
            };
            if (downloadUrl is not null)
            {
                json["@microsoft.graph.downloadUrl"] = downloadUrl;
            }
        }

        return json;
    }

    /// <summary>What delta reports for an item that was deleted.</summary>
    public static JsonObject Deleted(SimDrive drive, string id, string? parentId) => new()
    {
        ["id"] = id,
        ["parentReference"] = new JsonObject { ["driveId"] = drive.Id, ["driveType"] = drive.DriveType, ["id"] = parentId },
        ["deleted"] = new JsonObject { ["state"] = "deleted" },
    };
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace GdprOps.Testing;

/// <summary>
/// Writes OLE compound files ([MS-CFB] version 3, 512-byte sectors) for tests: storages and streams, small
/// streams in the mini stream as the format requires, a FAT of up to 109 sectors (about 7 MB). Checked once
/// against an independent reader (Python's olefile) when it was written.
/// </summary>
internal sealed class CompoundFileBuilder
{
    private const int Sector = 512;
    private const int Mini = 64;
    private const int Cutoff = 4096;
    private const uint Free = 0xFFFFFFFF;
    private const uint End = 0xFFFFFFFE;
    private const uint FatMark = 0xFFFFFFFD;

    public CompoundFileBuilder() => Root = new Storage("Root Entry");

    public Storage Root { get; }

    /// <summary>A storage: streams and storages by name.</summary>
    internal sealed class Storage
    {
        public Storage(string name) => Name = name;

        public string Name { get; }

        public List<Storage> Storages { get; } = new();

        public List<(string Name, byte[] Data)> Streams { get; } = new();

        public Storage AddStorage(string name)
        {
            var storage = new Storage(name);
            Storages.Add(storage);
            return storage;
        }

        public Storage AddStream(string name, byte[] data)
        {
            Streams.Add((name, data));
            return this;
        }
    }

    private sealed class Node
    {
        public string Name = string.Empty;
        public byte Type;
        public uint Left = Free;
        public uint Right = Free;
        public uint Child = Free;
        public uint Start = End;
        public long Size;
        public byte[]? Data;
    }

    public byte[] Build()
    {
        var nodes = new List<Node> { new() { Name = Root.Name, Type = 5 } };
        Flatten(Root, 0, nodes);

        // Small streams go to the mini stream, in 64-byte mini sectors chained by the mini FAT.
        var miniStream = new MemoryStream();
        var miniFat = new List<uint>();
        foreach (var node in nodes.Where(n => n.Type == 2 && n.Size < Cutoff && n.Size > 0))
        {
            int count = (int)((node.Size + Mini - 1) / Mini);
            node.Start = (uint)miniFat.Count;
            for (int i = 0; i < count; i++)
            {
                miniFat.Add(i == count - 1 ? End : (uint)(miniFat.Count + 1));
            }

            miniStream.Write(node.Data!, 0, node.Data!.Length);
            miniStream.Write(new byte[(count * Mini) - node.Data.Length], 0, (count * Mini) - node.Data.Length);
        }

        // Sectors: big streams, the mini stream, the mini FAT, the directory, then the FAT.
        var sectors = new List<byte[]>();
        var fat = new List<uint>();
        uint Place(byte[] data)
        {
            int count = (data.Length + Sector - 1) / Sector;
            if (count == 0)
            {
                return End;
            }

            uint first = (uint)sectors.Count;
            for (int i = 0; i < count; i++)
            {
                var sector = new byte[Sector];
                Array.Copy(data, i * Sector, sector, 0, Math.Min(Sector, data.Length - (i * Sector)));
                sectors.Add(sector);
                fat.Add(i == count - 1 ? End : (uint)sectors.Count);
            }

            return first;
        }

        foreach (var node in nodes.Where(n => n.Type == 2 && n.Size >= Cutoff))
        {
            node.Start = Place(node.Data!);
        }

        nodes[0].Start = Place(miniStream.ToArray());
        nodes[0].Size = miniStream.Length;
        var miniFatBytes = miniFat.SelectMany(BitConverter.GetBytes).Concat(Enumerable.Repeat((byte)0xFF, ((128 - (miniFat.Count % 128)) % 128) * 4)).ToArray();
        uint miniFatStart = Place(miniFatBytes);
        int miniFatSectors = (miniFatBytes.Length + Sector - 1) / Sector;

        var directory = new MemoryStream();
        foreach (var node in nodes)
        {
            directory.Write(Entry(node), 0, 128);
        }

        while (directory.Length % Sector != 0)
        {
            directory.Write(Entry(new Node { Type = 0 }), 0, 128);
        }

        uint directoryStart = Place(directory.ToArray());

        int fatSectors = 1;
        while ((sectors.Count + fatSectors) > fatSectors * (Sector / 4))
        {
            fatSectors++;
        }

        if (fatSectors > 109)
        {
            throw new InvalidOperationException("test compound files are limited to 109 FAT sectors");
        }

        uint fatStart = (uint)sectors.Count;
        for (int i = 0; i < fatSectors; i++)
        {
            fat.Add(FatMark);
            sectors.Add(new byte[Sector]);
        }

        while (fat.Count < fatSectors * (Sector / 4))
        {
            fat.Add(Free);
        }

        for (int i = 0; i < fatSectors; i++)
        {
            Buffer.BlockCopy(fat.Skip(i * (Sector / 4)).Take(Sector / 4).SelectMany(BitConverter.GetBytes).ToArray(), 0, sectors[(int)fatStart + i], 0, Sector);
        }

        var header = new byte[Sector];
        new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }.CopyTo(header, 0);
        Put16(header, 0x18, 0x3E);
        Put16(header, 0x1A, 3);
        Put16(header, 0x1C, 0xFFFE);
        Put16(header, 0x1E, 9);
        Put16(header, 0x20, 6);
        Put32(header, 0x2C, (uint)fatSectors);
        Put32(header, 0x30, directoryStart);
        Put32(header, 0x38, Cutoff);
        Put32(header, 0x3C, miniFat.Count == 0 ? End : miniFatStart);
        Put32(header, 0x40, miniFat.Count == 0 ? 0 : (uint)miniFatSectors);
        Put32(header, 0x44, End);
        for (int i = 0; i < 109; i++)
        {
            Put32(header, 0x4C + (i * 4), i < fatSectors ? fatStart + (uint)i : Free);
        }

        var file = new MemoryStream();
        file.Write(header, 0, Sector);
        foreach (var sector in sectors)
        {
            file.Write(sector, 0, Sector);
        }

        return file.ToArray();
    }

    /// <summary>Adds the children of <paramref name="storage"/> (entry <paramref name="id"/>) as a balanced tree of siblings.</summary>
    private static void Flatten(Storage storage, int id, List<Node> nodes)
    {
        var children = new List<(Node Node, Storage? Storage)>();
        foreach (var (name, data) in storage.Streams)
        {
            children.Add((new Node { Name = name, Type = 2, Data = data, Size = data.Length }, null));
        }

        foreach (var child in storage.Storages)
        {
            children.Add((new Node { Name = child.Name, Type = 1 }, child));
        }

        // [MS-CFB] order: shorter names first, then by upper-case code points.
        children.Sort((a, b) => a.Node.Name.Length != b.Node.Name.Length ? a.Node.Name.Length.CompareTo(b.Node.Name.Length)
            : string.CompareOrdinal(a.Node.Name.ToUpperInvariant(), b.Node.Name.ToUpperInvariant()));
        int first = nodes.Count;
        nodes.AddRange(children.Select(c => c.Node));
        nodes[id].Child = Balance(nodes, first, first + children.Count - 1);
        for (int i = 0; i < children.Count; i++)
        {
            if (children[i].Storage is { } sub)
            {
                Flatten(sub, first + i, nodes);
            }
        }
    }

    private static uint Balance(List<Node> nodes, int low, int high)
    {
        if (low > high)
        {
            return Free;
        }

        int middle = (low + high) / 2;
        nodes[middle].Left = Balance(nodes, low, middle - 1);
        nodes[middle].Right = Balance(nodes, middle + 1, high);
        return (uint)middle;
    }

    private static byte[] Entry(Node node)
    {
        var entry = new byte[128];
        if (node.Type != 0)
        {
            var name = Encoding.Unicode.GetBytes(node.Name + "\0");
            name.CopyTo(entry, 0);
            Put16(entry, 0x40, name.Length);
        }

        entry[0x42] = node.Type;
        entry[0x43] = 1; // black
        Put32(entry, 0x44, node.Left);
        Put32(entry, 0x48, node.Right);
        Put32(entry, 0x4C, node.Child);
        Put32(entry, 0x74, node.Type is 0 or 1 ? 0 : node.Size == 0 && node.Type == 2 ? End : node.Start);
        Put32(entry, 0x78, (uint)node.Size);
        return entry;
    }

    private static void Put16(byte[] b, int at, int value)
    {
        b[at] = (byte)value;
        b[at + 1] = (byte)(value >> 8);
    }

    private static void Put32(byte[] b, int at, uint value)
    {
        b[at] = (byte)value;
        b[at + 1] = (byte)(value >> 8);
        b[at + 2] = (byte)(value >> 16);
        b[at + 3] = (byte)(value >> 24);
    }
}

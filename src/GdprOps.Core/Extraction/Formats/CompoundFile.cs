using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace GdprOps.Extraction.Formats;

/// <summary>
/// A reader of OLE compound files ([MS-CFB]): the container of Outlook .msg files, legacy Office documents
/// and password-protected OOXML. It lists storages and reads streams, nothing more. Every sector number,
/// chain and size is checked against the file, so a corrupt or hostile file is an
/// <see cref="ExtractionLimitException"/>, never a loop or a huge allocation. No package that reads compound
/// files is served here, so this is our own.
/// </summary>
internal sealed class CompoundFile
{
    private const uint EndOfChain = 0xFFFFFFFE;
    private const uint MaxRegularSector = 0xFFFFFFFA;
    private const int HeaderSize = 512;
    private const int EntrySize = 128;
    private const int MiniSectorSize = 64;
    private static readonly byte[] Signature = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };

    private readonly Stream _stream;
    private readonly int _sectorSize;
    private readonly long _sectorCount;
    private readonly uint _miniStreamCutoff;
    private readonly uint[] _fat;
    private readonly uint[] _miniFat;
    private readonly List<uint> _miniStreamSectors;

    private CompoundFile(Stream stream)
    {
        _stream = stream;
        var header = new byte[HeaderSize];
        if (FillArray(0, header, 0, HeaderSize) < HeaderSize || !header.AsSpan(0, 8).SequenceEqual(Signature))
        {
            throw Corrupt("no compound file header");
        }

        int major = U16(header, 0x1A);
        int sectorShift = U16(header, 0x1E);
        if (!((major == 3 && sectorShift == 9) || (major == 4 && sectorShift == 12)) || U16(header, 0x20) != 6)
        {
            throw Corrupt("unknown version or sector size");
        }

        _sectorSize = 1 << sectorShift;
        _sectorCount = Math.Max(0, (stream.Length - _sectorSize + _sectorSize - 1) / _sectorSize);
        _miniStreamCutoff = U32(header, 0x38);
        _fat = ReadFat(header);
        var directory = ReadChain(U32(header, 0x30), _fat, long.MaxValue);
        Entries = ParseDirectory(directory, major);
        if (Entries.Count == 0 || Entries[0].Type != 5)
        {
            throw Corrupt("no root storage");
        }

        Root = Entries[0];
        var miniFatBytes = ReadChain(U32(header, 0x3C), _fat, (long)U32(header, 0x40) * _sectorSize);
        _miniFat = ToUInts(miniFatBytes);
        _miniStreamSectors = Chain(Root.Start, _fat);
    }

    /// <summary>One directory entry: a storage (1), a stream (2) or the root (5).</summary>
    internal sealed class Entry
    {
        public int Id { get; set; }

        public string Name { get; set; } = string.Empty;

        public int Type { get; set; }

        public int Left { get; set; }

        public int Right { get; set; }

        public int Child { get; set; }

        public uint Start { get; set; }

        public long Size { get; set; }

        public bool IsStorage => Type is 1 or 5;

        public bool IsStream => Type == 2;
    }

    public List<Entry> Entries { get; }

    public Entry Root { get; }

    /// <summary>True when <paramref name="head"/> starts with the compound file signature.</summary>
    public static bool IsCompoundFile(ReadOnlySpan<byte> head) => head.Length >= 8 && head.Slice(0, 8).SequenceEqual(Signature);

    /// <exception cref="ExtractionLimitException">The file is not a readable compound file.</exception>
    public static CompoundFile Open(Stream seekable) => new(seekable);

    /// <summary>The entries directly inside <paramref name="storage"/> (its red-black tree walked without recursion; cycles are corruption).</summary>
    public List<Entry> Children(Entry storage)
    {
        var children = new List<Entry>();
        var seen = new HashSet<int> { storage.Id };
        var pending = new Stack<int>();
        pending.Push(storage.Child);
        while (pending.Count > 0)
        {
            int id = pending.Pop();
            if (id < 0 || id >= Entries.Count)
            {
                continue;
            }

            if (!seen.Add(id))
            {
                throw Corrupt("directory tree has a cycle");
            }

            var entry = Entries[id];
            children.Add(entry);
            pending.Push(entry.Left);
            pending.Push(entry.Right);
        }

        return children;
    }

    /// <summary>The child of <paramref name="storage"/> called <paramref name="name"/> (compound file names ignore case), or null.</summary>
    public Entry? Child(Entry storage, string name) => Children(storage).Find(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The bytes of a stream; refuses one larger than <paramref name="maxBytes"/>.</summary>
    public byte[] Read(Entry stream, long maxBytes)
    {
        if (!stream.IsStream)
        {
            throw Corrupt("not a stream");
        }

        if (stream.Size > maxBytes || stream.Size > int.MaxValue)
        {
            throw new ExtractionLimitException($"a stream of {stream.Size} bytes is over the budget of {maxBytes}");
        }

        if (stream.Size < _miniStreamCutoff)
        {
            return ReadMini(stream);
        }

        var bytes = ReadChain(stream.Start, _fat, stream.Size);
        if (bytes.Length < stream.Size)
        {
            throw Corrupt("stream shorter than its size");
        }

        return bytes.Length == stream.Size ? bytes : bytes.AsSpan(0, (int)stream.Size).ToArray();
    }

    /// <summary>
    /// A stream's content to read as a stream: a big one is read from the file sector by sector as it is
    /// consumed (an attachment of hundreds of MB never sits in memory), a small one from the mini stream.
    /// </summary>
    public Stream OpenRead(Entry stream)
    {
        if (!stream.IsStream)
        {
            throw Corrupt("not a stream");
        }

        if (stream.Size < _miniStreamCutoff)
        {
            return new MemoryStream(ReadMini(stream), writable: false);
        }

        var sectors = Chain(stream.Start, _fat);
        if ((long)sectors.Count * _sectorSize < stream.Size || sectors.Exists(sector => sector >= _sectorCount))
        {
            throw Corrupt("stream shorter than its size");
        }

        return new ChainStream(this, sectors, stream.Size);
    }

    private byte[] ReadMini(Entry stream)
    {
        var result = new byte[stream.Size];
        int written = 0;
        foreach (uint mini in Chain(stream.Start, _miniFat))
        {
            if (written >= result.Length)
            {
                break;
            }

            long offset = (long)mini * MiniSectorSize;
            int index = (int)(offset / _sectorSize);
            if (index >= _miniStreamSectors.Count)
            {
                throw Corrupt("mini sector outside the mini stream");
            }

            long position = SectorOffset(_miniStreamSectors[index]) + (offset % _sectorSize);
            int count = Math.Min(MiniSectorSize, result.Length - written);
            if (FillArray(position, result, written, count) < count)
            {
                throw Corrupt("mini sector beyond the end of the file");
            }

            written += count;
        }

        if (written < result.Length)
        {
            throw Corrupt("stream shorter than its size");
        }

        return result;
    }

    private uint[] ReadFat(byte[] header)
    {
        uint fatSectors = U32(header, 0x2C);
        if (fatSectors > _sectorCount)
        {
            throw Corrupt("more FAT sectors than the file holds");
        }

        var fatSectorIds = new List<uint>();
        for (int i = 0; i < 109 && fatSectorIds.Count < fatSectors; i++)
        {
            fatSectorIds.Add(U32(header, 0x4C + (i * 4)));
        }

        // The rest of the FAT's sector list lives in a chain of DIFAT sectors.
        uint difat = U32(header, 0x44);
        var seen = new HashSet<uint>();
        var buffer = new byte[_sectorSize];
        while (fatSectorIds.Count < fatSectors && difat <= MaxRegularSector)
        {
            if (!seen.Add(difat) || difat >= _sectorCount)
            {
                throw Corrupt("broken DIFAT chain");
            }

            if (FillArray(SectorOffset(difat), buffer, 0, _sectorSize) < _sectorSize)
            {
                throw Corrupt("DIFAT sector beyond the end of the file");
            }

            int perSector = (_sectorSize / 4) - 1;
            for (int i = 0; i < perSector && fatSectorIds.Count < fatSectors; i++)
            {
                fatSectorIds.Add(U32(buffer, i * 4));
            }

            difat = U32(buffer, perSector * 4);
        }

        var fat = new uint[fatSectorIds.Count * (_sectorSize / 4)];
        for (int s = 0; s < fatSectorIds.Count; s++)
        {
            if (fatSectorIds[s] >= _sectorCount || FillArray(SectorOffset(fatSectorIds[s]), buffer, 0, _sectorSize) < _sectorSize)
            {
                throw Corrupt("FAT sector beyond the end of the file");
            }

            for (int i = 0; i < _sectorSize / 4; i++)
            {
                fat[(s * (_sectorSize / 4)) + i] = U32(buffer, i * 4);
            }
        }

        return fat;
    }

    /// <summary>The sectors of the chain starting at <paramref name="start"/>; a chain longer than the table is a loop.</summary>
    private static List<uint> Chain(uint start, uint[] table)
    {
        var sectors = new List<uint>();
        uint sector = start;
        while (sector != EndOfChain && sector <= MaxRegularSector)
        {
            if (sector >= table.Length || sectors.Count > table.Length)
            {
                throw Corrupt("broken sector chain");
            }

            sectors.Add(sector);
            sector = table[sector];
        }

        return sectors;
    }

    private byte[] ReadChain(uint start, uint[] table, long maxBytes)
    {
        var sectors = Chain(start, table);
        long length = Math.Min((long)sectors.Count * _sectorSize, maxBytes);
        var bytes = new byte[length];
        for (int i = 0; i < sectors.Count && (long)i * _sectorSize < length; i++)
        {
            int count = (int)Math.Min(_sectorSize, length - ((long)i * _sectorSize));
            if (sectors[i] >= _sectorCount || FillArray(SectorOffset(sectors[i]), bytes, i * _sectorSize, count) < count)
            {
                throw Corrupt("sector beyond the end of the file");
            }
        }

        return bytes;
    }

    private static List<Entry> ParseDirectory(byte[] directory, int major)
    {
        var entries = new List<Entry>();
        for (int at = 0; at + EntrySize <= directory.Length; at += EntrySize)
        {
            int nameBytes = Math.Min(U16(directory, at + 0x40), 64);
            string name = nameBytes >= 2 ? Encoding.Unicode.GetString(directory, at, nameBytes - 2) : string.Empty;
            long size = (long)U32(directory, at + 0x78) | ((long)U32(directory, at + 0x7C) << 32);
            entries.Add(new Entry
            {
                Id = entries.Count,
                Name = name,
                Type = directory[at + 0x42],
                Left = (int)U32(directory, at + 0x44),
                Right = (int)U32(directory, at + 0x48),
                Child = (int)U32(directory, at + 0x4C),
                Start = U32(directory, at + 0x74),

                // Version 3 files may leave garbage in the high half of the size.
                Size = major == 3 ? size & 0xFFFFFFFF : size,
            });
        }

        return entries;
    }

    private long SectorOffset(uint sector) => (sector + 1L) * _sectorSize;

    /// <summary>Reads straight into <paramref name="buffer"/>; fewer bytes only at the end of the file.</summary>
    private int FillArray(long position, byte[] buffer, int offset, int count)
    {
        _stream.Position = position;
        int total = 0;
        while (total < count)
        {
            int n = _stream.Read(buffer, offset + total, count - total);
            if (n <= 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }

    /// <summary>A read-only, seekable view of one stream's sector chain.</summary>
    private sealed class ChainStream : Stream
    {
        private readonly CompoundFile _file;
        private readonly List<uint> _sectors;
        private long _position;

        public ChainStream(CompoundFile file, List<uint> sectors, long length)
        {
            _file = file;
            _sectors = sectors;
            Length = length;
        }

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length { get; }

        public override long Position
        {
            get => _position;
            set => _position = value is >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int size = _file._sectorSize;
            long left = Math.Min(count, Length - _position);
            if (left <= 0)
            {
                return 0;
            }

            // One read for a run of consecutive sectors (how writers usually lay streams out).
            int index = (int)(_position / size);
            int within = (int)(_position % size);
            int last = index;
            while (last + 1 < _sectors.Count && _sectors[last + 1] == _sectors[last] + 1 && ((long)(last + 1 - index) * size) - within < left)
            {
                last++;
            }

            int take = (int)Math.Min(left, ((long)(last - index + 1) * size) - within);
            int read = _file.FillArray(_file.SectorOffset(_sectors[index]) + within, buffer, offset, take);
            if (read < take)
            {
                throw Corrupt("sector beyond the end of the file");
            }

            _position += read;
            return read;
        }

        public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => Length + offset,
        };

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private static uint[] ToUInts(byte[] bytes)
    {
        var values = new uint[bytes.Length / 4];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = U32(bytes, i * 4);
        }

        return values;
    }

    private static int U16(byte[] b, int at) => b[at] | (b[at + 1] << 8);

    private static uint U32(byte[] b, int at) => (uint)(b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24));

    private static ExtractionLimitException Corrupt(string what) => new($"corrupt OLE compound document ({what})");
}

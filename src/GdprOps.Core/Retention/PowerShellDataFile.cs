using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace GdprOps.Retention;

/// <summary>
/// Reads a PowerShell data file (.psd1) made of literals, as Import-PowerShellDataFile accepts them, without
/// PowerShell: so the command line and the module read a .psd1 policy the same way. Hashtables <c>@{ k = v }</c>
/// (keys bare or quoted, entries on lines or split by <c>;</c>), arrays <c>@( ... )</c> and bare <c>a, b</c> lists,
/// single- and double-quoted strings, numbers, <c>$true</c>, <c>$false</c>, <c>$null</c>, <c>#</c> and
/// <c>&lt;# #&gt;</c> comments. Anything that would run code (a variable, a sub-expression, a command) is refused with
/// its line: a data file is data.
/// </summary>
public sealed class PowerShellDataFile
{
    private readonly string _text;
    private int _at;

    private PowerShellDataFile(string text)
    {
        _text = text;
    }

    /// <summary>
    /// The value the file holds: <see cref="Dictionary{TKey, TValue}"/> (keys ignore case, in file order),
    /// <see cref="List{T}"/>, string, long, double, bool or null.
    /// </summary>
    /// <exception cref="FormatException">Not a data file; the message starts with "line N:".</exception>
    public static object? Parse(string text)
    {
        var reader = new PowerShellDataFile(text.Length > 0 && text[0] == '\uFEFF' ? text.Substring(1) : text);
        reader.SkipBlank(newlines: true);
        var value = reader.Value();
        reader.SkipBlank(newlines: true);
        if (reader._at < reader._text.Length)
        {
            throw reader.Error("only one value (a hashtable) may stand in a data file");
        }

        return value;
    }

    private object? Value()
    {
        var first = Single();
        SkipBlank(newlines: false);
        if (Peek() != ',')
        {
            return first;
        }

        // 'inbox', 'sentitems': a list without @( ).
        var list = new List<object?> { first };
        while (Peek() == ',')
        {
            _at++;
            SkipBlank(newlines: true);
            list.Add(Single());
            SkipBlank(newlines: false);
        }

        return list;
    }

    private object? Single()
    {
        char c = Peek();
        if (c == '@' && Peek(1) == '{')
        {
            _at += 2;
            return Table();
        }

        if (c == '@' && Peek(1) == '(')
        {
            _at += 2;
            return Array();
        }

        if (c == '@' && Peek(1) is '\'' or '"')
        {
            throw Error("here-strings are not read in policy files: use a quoted string");
        }

        if (c == '\'')
        {
            return SingleQuoted();
        }

        if (c == '"')
        {
            return DoubleQuoted();
        }

        if (c == '$')
        {
            string word = Word(_at + 1);
            _at += 1 + word.Length;
            return word.ToLowerInvariant() switch
            {
                "true" => true,
                "false" => false,
                "null" => null,
                _ => throw Error($"${word} is a variable; a data file holds only literals ($true, $false, $null)"),
            };
        }

        if (char.IsDigit(c) || ((c is '-' or '+' or '.') && char.IsDigit(Peek(1))))
        {
            return Number();
        }

        throw Error(_at >= _text.Length ? "the file ends where a value is expected" : $"'{c}' cannot start a value in a data file");
    }

    private Dictionary<string, object?> Table()
    {
        var table = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        while (true)
        {
            SkipSeparators(commas: false);
            if (Peek() == '}')
            {
                _at++;
                return table;
            }

            int keyAt = _at;
            string key = Peek() switch
            {
                '\'' => SingleQuoted(),
                '"' => DoubleQuoted(),
                _ => Word(_at) is { Length: > 0 } word ? Advance(word) : throw Error(_at >= _text.Length ? "the hashtable is not closed with }" : "a hashtable key is expected"),
            };
            SkipBlank(newlines: false);
            if (Peek() != '=')
            {
                throw Error($"'=' is expected after the key '{key}'");
            }

            _at++;
            SkipBlank(newlines: true);
            if (table.ContainsKey(key))
            {
                throw new FormatException($"line {LineAt(keyAt)}: the key '{key}' appears twice in one hashtable");
            }

            table[key] = Value();
            SkipBlank(newlines: false);
            if (Peek() is not (';' or '\n' or '\r' or '}'))
            {
                throw Error(_at >= _text.Length ? "the hashtable is not closed with }" : "';', a new line or '}' is expected after a hashtable entry");
            }
        }
    }

    private List<object?> Array()
    {
        var list = new List<object?>();
        while (true)
        {
            SkipSeparators(commas: true);
            if (Peek() == ')')
            {
                _at++;
                return list;
            }

            if (_at >= _text.Length)
            {
                throw Error("the array is not closed with )");
            }

            var value = Value();
            if (value is List<object?> inner && inner.Count > 1)
            {
                list.AddRange(inner);
            }
            else
            {
                list.Add(value);
            }
        }
    }

    private string SingleQuoted()
    {
        var text = new StringBuilder();
        for (_at++; ; _at++)
        {
            if (_at >= _text.Length)
            {
                throw Error("a string is not closed with '");
            }

            char c = _text[_at];
            if (IsSingleQuote(c))
            {
                if (_at + 1 < _text.Length && IsSingleQuote(_text[_at + 1]))
                {
                    text.Append(c);
                    _at++;
                    continue;
                }

                _at++;
                return text.ToString();
            }

            text.Append(c);
        }
    }

    private string DoubleQuoted()
    {
        var text = new StringBuilder();
        for (_at++; ; _at++)
        {
            if (_at >= _text.Length)
            {
                throw Error("a string is not closed with \"");
            }

            char c = _text[_at];
            if (c == '`' && _at + 1 < _text.Length)
            {
                _at++;
                text.Append(_text[_at] switch { 'n' => '\n', 'r' => '\r', 't' => '\t', '0' => '\0', char other => other });
            }
            else if (c == '"')
            {
                if (_at + 1 < _text.Length && _text[_at + 1] == '"')
                {
                    text.Append('"');
                    _at++;
                    continue;
                }

                _at++;
                return text.ToString();
            }
            else if (c == '$' && _at + 1 < _text.Length && (char.IsLetter(_text[_at + 1]) || _text[_at + 1] is '(' or '{' or '_'))
            {
                throw Error("a double-quoted string would expand a variable or sub-expression here: use single quotes, or escape the $ with `");
            }
            else
            {
                text.Append(c);
            }
        }
    }

    private object Number()
    {
        int start = _at;
        while (_at < _text.Length && (char.IsLetterOrDigit(_text[_at]) || _text[_at] is '.' or '-' or '+'))
        {
            _at++;
        }

        string token = _text.Substring(start, _at - start);
        if (long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long whole))
        {
            return whole;
        }

        if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double real))
        {
            return real;
        }

        _at = start;
        throw Error($"'{token}' is not a number GdprOps reads (write sizes and ages as strings: '6mo', '10MB')");
    }

    /// <summary>A bare word from <paramref name="from"/>: letters, digits, _ and -.</summary>
    private string Word(int from)
    {
        int end = from;
        while (end < _text.Length && (char.IsLetterOrDigit(_text[end]) || _text[end] is '_' or '-'))
        {
            end++;
        }

        return _text.Substring(from, end - from);
    }

    private string Advance(string word)
    {
        _at += word.Length;
        return word;
    }

    /// <summary>Spaces, tabs, comments, and line breaks when <paramref name="newlines"/> (a line break ends an entry otherwise).</summary>
    private void SkipBlank(bool newlines)
    {
        while (_at < _text.Length)
        {
            char c = _text[_at];
            if (c is ' ' or '\t' or '\f' or '\u00A0' || (newlines && c is '\r' or '\n') || (c == '`' && Peek(1) is '\r' or '\n'))
            {
                _at += c == '`' ? 2 : 1;
            }
            else if (c == '<' && Peek(1) == '#')
            {
                int end = _text.IndexOf("#>", _at + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    throw Error("a <# comment is not closed with #>");
                }

                _at = end + 2;
            }
            else if (c == '#')
            {
                while (_at < _text.Length && _text[_at] is not ('\r' or '\n'))
                {
                    _at++;
                }
            }
            else
            {
                return;
            }
        }
    }

    /// <summary>Blanks and the separators of entries: ';' in a hashtable, ';' or ',' in an array.</summary>
    private void SkipSeparators(bool commas)
    {
        while (true)
        {
            SkipBlank(newlines: true);
            if (Peek() == ';' || (commas && Peek() == ','))
            {
                _at++;
                continue;
            }

            return;
        }
    }

    private char Peek(int ahead = 0) => _at + ahead < _text.Length ? _text[_at + ahead] : '\0';

    private static bool IsSingleQuote(char c) => c is '\'' or '\u2018' or '\u2019' or '\u201A' or '\u201B';

    /// <summary>The 1-based line of <paramref name="position"/>, counted only when an error names it.</summary>
    private int LineAt(int position)
    {
        int line = 1;
        for (int i = 0; i < position && i < _text.Length; i++)
        {
            line += _text[i] == '\n' ? 1 : 0;
        }

        return line;
    }

    private FormatException Error(string message) => new($"line {LineAt(_at)}: {message}");
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace ConvexKit.Client.Generators.Spec;

/// <summary>
/// A small JSON reader for the spec file: objects become ordered key lists, arrays lists, numbers doubles.
/// A generator runs inside the compiler on netstandard2.0, where System.Text.Json is not available without shipping it.
/// </summary>
internal sealed class Json
{
    private readonly string _text;
    private int _pos;

    private Json(string text) => _text = text;

    /// <exception cref="FormatException">The text is not JSON.</exception>
    public static object? Parse(string text)
    {
        var json = new Json(text);
        var value = json.ReadValue();
        json.SkipWhitespace();
        if (json._pos != text.Length)
        {
            throw json.Error("trailing characters");
        }

        return value;
    }

    private object? ReadValue()
    {
        SkipWhitespace();
        if (_pos >= _text.Length)
        {
            throw Error("unexpected end");
        }

        switch (_text[_pos])
        {
            case '{':
                return ReadObject();
            case '[':
                return ReadArray();
            case '"':
                return ReadString();
            case 't':
                Expect("true");
                return true;
            case 'f':
                Expect("false");
                return false;
            case 'n':
                Expect("null");
                return null;
            default:
                return ReadNumber();
        }
    }

    private JsonObject ReadObject()
    {
        var result = new JsonObject();
        _pos++;
        SkipWhitespace();
        if (Peek() == '}')
        {
            _pos++;
            return result;
        }

        while (true)
        {
            SkipWhitespace();
            var key = ReadString();
            SkipWhitespace();
            Consume(':');
            result.Add(key, ReadValue());
            SkipWhitespace();
            if (Peek() == ',')
            {
                _pos++;
                continue;
            }

            Consume('}');
            return result;
        }
    }

    private List<object?> ReadArray()
    {
        var result = new List<object?>();
        _pos++;
        SkipWhitespace();
        if (Peek() == ']')
        {
            _pos++;
            return result;
        }

        while (true)
        {
            result.Add(ReadValue());
            SkipWhitespace();
            if (Peek() == ',')
            {
                _pos++;
                continue;
            }

            Consume(']');
            return result;
        }
    }

    private string ReadString()
    {
        Consume('"');
        var builder = new StringBuilder();
        while (_pos < _text.Length)
        {
            var c = _text[_pos++];
            if (c == '"')
            {
                return builder.ToString();
            }

            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }

            if (_pos >= _text.Length)
            {
                break;
            }

            var escape = _text[_pos++];
            switch (escape)
            {
                case 'n': builder.Append('\n'); break;
                case 't': builder.Append('\t'); break;
                case 'r': builder.Append('\r'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'u':
                    if (_pos + 4 > _text.Length)
                    {
                        throw Error("short \\u escape");
                    }

                    builder.Append((char)int.Parse(_text.Substring(_pos, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    _pos += 4;
                    break;
                default: builder.Append(escape); break;
            }
        }

        throw Error("unterminated string");
    }

    private double ReadNumber()
    {
        var start = _pos;
        while (_pos < _text.Length && "+-0123456789.eE".IndexOf(_text[_pos]) >= 0)
        {
            _pos++;
        }

        if (start == _pos || !double.TryParse(_text.Substring(start, _pos - start), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw Error("invalid value");
        }

        return value;
    }

    private void Expect(string word)
    {
        if (string.CompareOrdinal(_text, _pos, word, 0, word.Length) != 0)
        {
            throw Error("invalid value");
        }

        _pos += word.Length;
    }

    private void Consume(char c)
    {
        if (Peek() != c)
        {
            throw Error($"expected '{c}'");
        }

        _pos++;
    }

    private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

    private void SkipWhitespace()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos]))
        {
            _pos++;
        }
    }

    private FormatException Error(string what) => new($"Invalid JSON at character {_pos}: {what}.");
}

/// <summary>A JSON object with its keys in document order.</summary>
internal sealed class JsonObject
{
    private readonly Dictionary<string, object?> _values = new(StringComparer.Ordinal);

    public List<string> Keys { get; } = [];

    public object? this[string key] => _values.TryGetValue(key, out var value) ? value : null;

    public void Add(string key, object? value)
    {
        if (!_values.ContainsKey(key))
        {
            Keys.Add(key);
        }

        _values[key] = value;
    }

    public string? GetString(string key) => this[key] as string;

    public JsonObject? GetObject(string key) => this[key] as JsonObject;

    /// <summary>The value with sorted keys, so two validators compare equal whatever their field order.</summary>
    public static string Canonical(object? value)
    {
        var builder = new StringBuilder();
        Write(builder, value);
        return builder.ToString();
    }

    private static void Write(StringBuilder builder, object? value)
    {
        switch (value)
        {
            case null: builder.Append("null"); break;
            case bool b: builder.Append(b ? "true" : "false"); break;
            case double d: builder.Append(d.ToString("R", CultureInfo.InvariantCulture)); break;
            case string s: builder.Append('"').Append(s.Replace("\\", "\\\\").Replace("\"", "\\\"")).Append('"'); break;
            case List<object?> list:
                builder.Append('[');
                for (var i = 0; i < list.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(',');
                    }

                    Write(builder, list[i]);
                }

                builder.Append(']');
                break;
            case JsonObject obj:
                builder.Append('{');
                var keys = new List<string>(obj.Keys);
                keys.Sort(StringComparer.Ordinal);
                for (var i = 0; i < keys.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(',');
                    }

                    Write(builder, keys[i]);
                    builder.Append(':');
                    Write(builder, obj[keys[i]]);
                }

                builder.Append('}');
                break;
        }
    }
}

using System.Text.Json.Serialization;

namespace Omnichannel.Realtime;

[JsonSerializable(typeof(InboxEvent))]
[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
internal sealed partial class RealtimeJson : JsonSerializerContext;

namespace Omnichannel.Attachments;

/// <summary>Language-neutral symbols for previews (conversation list), as WhatsApp itself shows them.</summary>
public static class AttachmentSymbols
{
    public static string Of(AttachmentKind kind) => kind switch
    {
        AttachmentKind.Image => "📷",
        AttachmentKind.Audio => "🎤",
        AttachmentKind.Video => "🎥",
        AttachmentKind.Sticker => "💟",
        AttachmentKind.Location => "📍",
        AttachmentKind.Contacts => "👤",
        _ => "📄",
    };
}

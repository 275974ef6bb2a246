using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using NpgsqlTypes;

#nullable disable

namespace Omnichannel.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class AgentWorkday : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Accent-insensitive full-text search: Portuguese and English stemming after unaccent,
            // plus a "simple" configuration for names and e-mails; trigrams for phone digits.
            migrationBuilder.Sql("""
                CREATE EXTENSION IF NOT EXISTS unaccent;
                CREATE EXTENSION IF NOT EXISTS pg_trgm;
                CREATE TEXT SEARCH CONFIGURATION omni_pt (COPY = portuguese);
                ALTER TEXT SEARCH CONFIGURATION omni_pt ALTER MAPPING FOR hword, hword_part, word WITH unaccent, portuguese_stem;
                CREATE TEXT SEARCH CONFIGURATION omni_en (COPY = english);
                ALTER TEXT SEARCH CONFIGURATION omni_en ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
                CREATE TEXT SEARCH CONFIGURATION omni_simple (COPY = simple);
                ALTER TEXT SEARCH CONFIGURATION omni_simple ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
                """);

            migrationBuilder.DropIndex(
                name: "ix_conversations_assignee_id",
                table: "conversations");

            migrationBuilder.DropColumn(
                name: "unread_count",
                table: "conversations");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "received_at",
                table: "messages",
                type: "timestamp with time zone",
                nullable: false,
                defaultValueSql: "now()");

            // Existing messages arrived when they were written; their conversations' newest arrival follows.
            migrationBuilder.Sql("""
                UPDATE messages SET received_at = created_at;
                """);

            migrationBuilder.AddColumn<bool>(
                name: "auto_assignment",
                table: "inboxes",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "max_open_per_agent",
                table: "inboxes",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "only_assignee_replies",
                table: "inboxes",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "last_assigned_at",
                table: "inbox_members",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "last_incoming_at",
                table: "conversations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "merged_into_id",
                table: "conversations",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "priority",
                table: "conversations",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "snoozed_until",
                table: "conversations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "team_id",
                table: "conversations",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "custom_attributes",
                table: "contacts",
                type: "jsonb",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "email",
                table: "contacts",
                type: "character varying(320)",
                maxLength: 320,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "merged_into_id",
                table: "contacts",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "notes",
                table: "contacts",
                type: "character varying(10000)",
                maxLength: 10000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "phone",
                table: "contacts",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "phone_key",
                table: "contacts",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "availability",
                table: "AspNetUsers",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Online");

            migrationBuilder.AddColumn<string>(
                name: "culture",
                table: "AspNetUsers",
                type: "character varying(10)",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "time_zone",
                table: "AspNetUsers",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<NpgsqlTsVector>(
                name: "search_vector",
                table: "messages",
                type: "tsvector",
                nullable: true,
                computedColumnSql: "CASE WHEN kind = 'Activity' THEN NULL ELSE to_tsvector('omni_pt'::regconfig, text) || to_tsvector('omni_en'::regconfig, text) END",
                stored: true);

            migrationBuilder.AddColumn<NpgsqlTsVector>(
                name: "search_vector",
                table: "contacts",
                type: "tsvector",
                nullable: true,
                computedColumnSql: "to_tsvector('omni_simple'::regconfig, coalesce(name, '') || ' ' || coalesce(email, ''))",
                stored: true);

            migrationBuilder.CreateTable(
                name: "agent_connections",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    instance_id = table.Column<Guid>(type: "uuid", nullable: false),
                    connected_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_seen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_agent_connections", x => x.id);
                    table.ForeignKey(
                        name: "fk_agent_connections_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "canned_responses",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    short_code = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    content = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_canned_responses", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "contact_merges",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    survivor_id = table.Column<Guid>(type: "uuid", nullable: false),
                    merged_id = table.Column<Guid>(type: "uuid", nullable: false),
                    snapshot = table.Column<string>(type: "jsonb", nullable: false),
                    actor_id = table.Column<Guid>(type: "uuid", nullable: true),
                    merged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_contact_merges", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "conversation_merges",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    survivor_id = table.Column<Guid>(type: "uuid", nullable: false),
                    merged_id = table.Column<Guid>(type: "uuid", nullable: false),
                    moved_message_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    merged_status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    actor_id = table.Column<Guid>(type: "uuid", nullable: true),
                    merged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    undone_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_conversation_merges", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "conversation_reads",
                columns: table => new
                {
                    conversation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    last_read_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_conversation_reads", x => new { x.conversation_id, x.user_id });
                    table.ForeignKey(
                        name: "fk_conversation_reads_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_conversation_reads_conversations_conversation_id",
                        column: x => x.conversation_id,
                        principalTable: "conversations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "labels",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    color = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    description = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    name_key = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true, computedColumnSql: "lower(name)", stored: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_labels", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "notifications",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    conversation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    message_id = table.Column<Guid>(type: "uuid", nullable: true),
                    actor_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    snippet = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    read_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notifications", x => x.id);
                    table.ForeignKey(
                        name: "fk_notifications_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_notifications_conversations_conversation_id",
                        column: x => x.conversation_id,
                        principalTable: "conversations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "teams",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_teams", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "conversation_labels",
                columns: table => new
                {
                    conversation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    label_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_conversation_labels", x => new { x.conversation_id, x.label_id });
                    table.ForeignKey(
                        name: "fk_conversation_labels_conversations_conversation_id",
                        column: x => x.conversation_id,
                        principalTable: "conversations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_conversation_labels_labels_label_id",
                        column: x => x.label_id,
                        principalTable: "labels",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "team_members",
                columns: table => new
                {
                    team_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_team_members", x => new { x.team_id, x.user_id });
                    table.ForeignKey(
                        name: "fk_team_members_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_team_members_teams_team_id",
                        column: x => x.team_id,
                        principalTable: "teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_messages_search_vector",
                table: "messages",
                column: "search_vector")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_conversations_assignee_id_status",
                table: "conversations",
                columns: new[] { "assignee_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_conversations_merged_into_id",
                table: "conversations",
                column: "merged_into_id");

            migrationBuilder.CreateIndex(
                name: "ix_conversations_snoozed",
                table: "conversations",
                column: "snoozed_until",
                filter: "status = 'Snoozed'");

            migrationBuilder.CreateIndex(
                name: "ix_conversations_team_id",
                table: "conversations",
                column: "team_id");

            migrationBuilder.CreateIndex(
                name: "ix_contacts_email",
                table: "contacts",
                column: "email");

            migrationBuilder.CreateIndex(
                name: "ix_contacts_merged_into_id",
                table: "contacts",
                column: "merged_into_id");

            migrationBuilder.CreateIndex(
                name: "ix_contacts_phone_key_trgm",
                table: "contacts",
                column: "phone_key")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_contacts_search_vector",
                table: "contacts",
                column: "search_vector")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_contact_identities_external_id_trgm",
                table: "contact_identities",
                column: "external_id")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_agent_connections_instance_id",
                table: "agent_connections",
                column: "instance_id");

            migrationBuilder.CreateIndex(
                name: "ix_agent_connections_user_id",
                table: "agent_connections",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_canned_responses_short_code",
                table: "canned_responses",
                column: "short_code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_contact_merges_merged_id",
                table: "contact_merges",
                column: "merged_id");

            migrationBuilder.CreateIndex(
                name: "ix_contact_merges_survivor_id",
                table: "contact_merges",
                column: "survivor_id");

            migrationBuilder.CreateIndex(
                name: "ix_conversation_labels_label_id",
                table: "conversation_labels",
                column: "label_id");

            migrationBuilder.CreateIndex(
                name: "ix_conversation_merges_merged_id",
                table: "conversation_merges",
                column: "merged_id");

            migrationBuilder.CreateIndex(
                name: "ix_conversation_merges_survivor_id",
                table: "conversation_merges",
                column: "survivor_id");

            migrationBuilder.CreateIndex(
                name: "ix_conversation_reads_user_id",
                table: "conversation_reads",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_labels_name_key",
                table: "labels",
                column: "name_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_notifications_conversation_id",
                table: "notifications",
                column: "conversation_id");

            migrationBuilder.CreateIndex(
                name: "ix_notifications_unread",
                table: "notifications",
                column: "user_id",
                filter: "read_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_notifications_user_id_created_at",
                table: "notifications",
                columns: new[] { "user_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_team_members_user_id",
                table: "team_members",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_teams_name",
                table: "teams",
                column: "name",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "fk_contacts_contacts_merged_into_id",
                table: "contacts",
                column: "merged_into_id",
                principalTable: "contacts",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_conversations_conversations_merged_into_id",
                table: "conversations",
                column: "merged_into_id",
                principalTable: "conversations",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_conversations_teams_team_id",
                table: "conversations",
                column: "team_id",
                principalTable: "teams",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.Sql("""
                UPDATE conversations c SET last_incoming_at = (
                    SELECT max(m.received_at) FROM messages m
                    WHERE m.conversation_id = c.id AND m.direction = 'Incoming' AND m.kind = 'Message');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_contacts_contacts_merged_into_id",
                table: "contacts");

            migrationBuilder.DropForeignKey(
                name: "fk_conversations_conversations_merged_into_id",
                table: "conversations");

            migrationBuilder.DropForeignKey(
                name: "fk_conversations_teams_team_id",
                table: "conversations");

            migrationBuilder.DropTable(
                name: "agent_connections");

            migrationBuilder.DropTable(
                name: "canned_responses");

            migrationBuilder.DropTable(
                name: "contact_merges");

            migrationBuilder.DropTable(
                name: "conversation_labels");

            migrationBuilder.DropTable(
                name: "conversation_merges");

            migrationBuilder.DropTable(
                name: "conversation_reads");

            migrationBuilder.DropTable(
                name: "notifications");

            migrationBuilder.DropTable(
                name: "team_members");

            migrationBuilder.DropTable(
                name: "labels");

            migrationBuilder.DropTable(
                name: "teams");

            migrationBuilder.DropIndex(
                name: "ix_messages_search_vector",
                table: "messages");

            migrationBuilder.DropIndex(
                name: "ix_conversations_assignee_id_status",
                table: "conversations");

            migrationBuilder.DropIndex(
                name: "ix_conversations_merged_into_id",
                table: "conversations");

            migrationBuilder.DropIndex(
                name: "ix_conversations_snoozed",
                table: "conversations");

            migrationBuilder.DropIndex(
                name: "ix_conversations_team_id",
                table: "conversations");

            migrationBuilder.DropIndex(
                name: "ix_contacts_email",
                table: "contacts");

            migrationBuilder.DropIndex(
                name: "ix_contacts_merged_into_id",
                table: "contacts");

            migrationBuilder.DropIndex(
                name: "ix_contacts_phone_key_trgm",
                table: "contacts");

            migrationBuilder.DropIndex(
                name: "ix_contacts_search_vector",
                table: "contacts");

            migrationBuilder.DropIndex(
                name: "ix_contact_identities_external_id_trgm",
                table: "contact_identities");

            migrationBuilder.DropColumn(
                name: "search_vector",
                table: "messages");

            migrationBuilder.DropColumn(
                name: "search_vector",
                table: "contacts");

            migrationBuilder.DropColumn(
                name: "received_at",
                table: "messages");

            migrationBuilder.DropColumn(
                name: "auto_assignment",
                table: "inboxes");

            migrationBuilder.DropColumn(
                name: "max_open_per_agent",
                table: "inboxes");

            migrationBuilder.DropColumn(
                name: "only_assignee_replies",
                table: "inboxes");

            migrationBuilder.DropColumn(
                name: "last_assigned_at",
                table: "inbox_members");

            migrationBuilder.DropColumn(
                name: "last_incoming_at",
                table: "conversations");

            migrationBuilder.DropColumn(
                name: "merged_into_id",
                table: "conversations");

            migrationBuilder.DropColumn(
                name: "priority",
                table: "conversations");

            migrationBuilder.DropColumn(
                name: "snoozed_until",
                table: "conversations");

            migrationBuilder.DropColumn(
                name: "team_id",
                table: "conversations");

            migrationBuilder.DropColumn(
                name: "custom_attributes",
                table: "contacts");

            migrationBuilder.DropColumn(
                name: "email",
                table: "contacts");

            migrationBuilder.DropColumn(
                name: "merged_into_id",
                table: "contacts");

            migrationBuilder.DropColumn(
                name: "notes",
                table: "contacts");

            migrationBuilder.DropColumn(
                name: "phone",
                table: "contacts");

            migrationBuilder.DropColumn(
                name: "phone_key",
                table: "contacts");

            migrationBuilder.DropColumn(
                name: "availability",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "culture",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "time_zone",
                table: "AspNetUsers");

            migrationBuilder.AddColumn<int>(
                name: "unread_count",
                table: "conversations",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "ix_conversations_assignee_id",
                table: "conversations",
                column: "assignee_id");
            migrationBuilder.Sql("""
                DROP TEXT SEARCH CONFIGURATION IF EXISTS omni_pt;
                DROP TEXT SEARCH CONFIGURATION IF EXISTS omni_en;
                DROP TEXT SEARCH CONFIGURATION IF EXISTS omni_simple;
                """);
        }
    }
}

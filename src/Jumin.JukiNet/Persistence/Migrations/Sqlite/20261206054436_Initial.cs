using System;
using Jumin.Storage;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jumin.JukiNet.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "card_destinations",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    destination_number = table.Column<long>(type: "INTEGER", nullable: false),
                    resident_code = table.Column<string>(type: "TEXT", nullable: false),
                    body = table.Column<string>(type: "TEXT", nullable: false),
                    received_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    sent_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    purged_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_card_destinations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "card_notices",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    resident_code = table.Column<string>(type: "TEXT", nullable: false),
                    body = table.Column<string>(type: "TEXT", nullable: false),
                    received_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    taken_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_card_notices", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "departure_certificates",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    resident_code = table.Column<string>(type: "TEXT", nullable: false),
                    direction = table.Column<string>(type: "TEXT", nullable: false),
                    from_municipality = table.Column<string>(type: "TEXT", nullable: false),
                    body = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    claimed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    claimed_by = table.Column<string>(type: "TEXT", nullable: true),
                    notice_sent_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    purged_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_departure_certificates", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "identity_history",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    resident_code = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    municipality_code = table.Column<string>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", nullable: false),
                    name_kana = table.Column<string>(type: "TEXT", nullable: false),
                    birth_date = table.Column<string>(type: "TEXT", nullable: false),
                    sex = table.Column<int>(type: "INTEGER", nullable: false),
                    address = table.Column<string>(type: "TEXT", nullable: false),
                    sealed_individual_number = table.Column<string>(type: "TEXT", nullable: true),
                    change_reason = table.Column<int>(type: "INTEGER", nullable: false),
                    change_date = table.Column<string>(type: "TEXT", nullable: false),
                    is_resident = table.Column<bool>(type: "INTEGER", nullable: false),
                    became_current = table.Column<bool>(type: "INTEGER", nullable: false),
                    source = table.Column<string>(type: "TEXT", nullable: false),
                    received_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_history", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "identity_records",
                columns: table => new
                {
                    resident_code = table.Column<string>(type: "TEXT", maxLength: 11, nullable: false),
                    municipality_code = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    name = table.Column<string>(type: "TEXT", nullable: false),
                    name_kana = table.Column<string>(type: "TEXT", nullable: false),
                    birth_date = table.Column<string>(type: "TEXT", nullable: false),
                    sex = table.Column<int>(type: "INTEGER", nullable: false),
                    address = table.Column<string>(type: "TEXT", nullable: false),
                    sealed_individual_number = table.Column<string>(type: "TEXT", nullable: true),
                    individual_number_hash = table.Column<string>(type: "TEXT", nullable: true),
                    change_reason = table.Column<int>(type: "INTEGER", nullable: false),
                    change_date = table.Column<string>(type: "TEXT", nullable: false),
                    is_resident = table.Column<bool>(type: "INTEGER", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_records", x => x.resident_code);
                });

            migrationBuilder.CreateTable(
                name: "link_states",
                columns: table => new
                {
                    peer = table.Column<string>(type: "TEXT", nullable: false),
                    stream = table.Column<string>(type: "TEXT", nullable: false),
                    last_sequence = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_link_states", x => new { x.peer, x.stream });
                });

            migrationBuilder.CreateTable(
                name: "message_log",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    direction = table.Column<string>(type: "TEXT", nullable: false),
                    peer = table.Column<string>(type: "TEXT", nullable: false),
                    stream = table.Column<string>(type: "TEXT", nullable: false),
                    sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    kind = table.Column<string>(type: "TEXT", nullable: false),
                    outcome = table.Column<string>(type: "TEXT", nullable: false),
                    reason = table.Column<string>(type: "TEXT", nullable: true),
                    content_hash = table.Column<string>(type: "TEXT", nullable: true),
                    resident_code = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_message_log", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "message_replies",
                columns: table => new
                {
                    peer = table.Column<string>(type: "TEXT", nullable: false),
                    stream = table.Column<string>(type: "TEXT", nullable: false),
                    sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    body = table.Column<string>(type: "TEXT", nullable: false),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_message_replies", x => new { x.peer, x.stream, x.sequence });
                });

            migrationBuilder.CreateTable(
                name: "move_in_notices",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    resident_code = table.Column<string>(type: "TEXT", nullable: false),
                    body = table.Column<string>(type: "TEXT", nullable: false),
                    received_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    taken_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_move_in_notices", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "outbox",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    destination = table.Column<string>(type: "TEXT", nullable: false),
                    stream = table.Column<string>(type: "TEXT", nullable: false),
                    sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    kind = table.Column<string>(type: "TEXT", nullable: false),
                    body = table.Column<string>(type: "TEXT", nullable: false),
                    sent_at = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    delivered_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    last_error = table.Column<string>(type: "TEXT", nullable: true),
                    reply_body = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "provision_log",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    recipient = table.Column<string>(type: "TEXT", nullable: false),
                    legal_ground = table.Column<string>(type: "TEXT", nullable: false),
                    @operator = table.Column<string>(name: "operator", type: "TEXT", nullable: false),
                    criteria = table.Column<string>(type: "TEXT", nullable: false),
                    subjects = table.Column<string>(type: "TEXT", nullable: false),
                    outcome = table.Column<string>(type: "TEXT", nullable: false),
                    reason = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_provision_log", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "resident_code_pool",
                columns: table => new
                {
                    code = table.Column<string>(type: "TEXT", maxLength: 11, nullable: false),
                    received_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    handed_out_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    handed_to = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_resident_code_pool", x => x.code);
                });

            migrationBuilder.CreateIndex(
                name: "ix_card_destinations_destination_number",
                table: "card_destinations",
                column: "destination_number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_card_destinations_sent_at",
                table: "card_destinations",
                column: "sent_at");

            migrationBuilder.CreateIndex(
                name: "ix_card_notices_taken_at",
                table: "card_notices",
                column: "taken_at");

            migrationBuilder.CreateIndex(
                name: "ix_departure_certificates_resident_code_direction",
                table: "departure_certificates",
                columns: new[] { "resident_code", "direction" });

            migrationBuilder.CreateIndex(
                name: "ix_identity_history_resident_code_version",
                table: "identity_history",
                columns: new[] { "resident_code", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_identity_records_individual_number_hash",
                table: "identity_records",
                column: "individual_number_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_identity_records_municipality_code",
                table: "identity_records",
                column: "municipality_code");

            migrationBuilder.CreateIndex(
                name: "ix_identity_records_name_birth_date",
                table: "identity_records",
                columns: new[] { "name", "birth_date" });

            migrationBuilder.CreateIndex(
                name: "ix_identity_records_name_kana_birth_date",
                table: "identity_records",
                columns: new[] { "name_kana", "birth_date" });

            migrationBuilder.CreateIndex(
                name: "ix_message_log_peer_stream_sequence",
                table: "message_log",
                columns: new[] { "peer", "stream", "sequence" });

            migrationBuilder.CreateIndex(
                name: "ix_message_log_resident_code",
                table: "message_log",
                column: "resident_code");

            migrationBuilder.CreateIndex(
                name: "ix_message_replies_at",
                table: "message_replies",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_move_in_notices_taken_at",
                table: "move_in_notices",
                column: "taken_at");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_delivered_at_destination",
                table: "outbox",
                columns: new[] { "delivered_at", "destination" });

            migrationBuilder.CreateIndex(
                name: "ix_outbox_destination_stream_sequence",
                table: "outbox",
                columns: new[] { "destination", "stream", "sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_provision_log_at",
                table: "provision_log",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_resident_code_pool_handed_out_at",
                table: "resident_code_pool",
                column: "handed_out_at");

            // The 本人確認情報 history and the message log are never rewritten; the 提供記録 is kept 7 years, then purged.
            foreach (var sql in AppendOnlyTriggers.Sqlite("identity_history", "message_log").Concat(AppendOnlyTriggers.SqliteRetention("provision_log", "at", 7)))
            {
                migrationBuilder.Sql(sql);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in AppendOnlyTriggers.SqliteRetentionDrop("provision_log").Concat(AppendOnlyTriggers.SqliteDrop("identity_history", "message_log")))
            {
                migrationBuilder.Sql(sql);
            }

            migrationBuilder.DropTable(
                name: "card_destinations");

            migrationBuilder.DropTable(
                name: "card_notices");

            migrationBuilder.DropTable(
                name: "departure_certificates");

            migrationBuilder.DropTable(
                name: "identity_history");

            migrationBuilder.DropTable(
                name: "identity_records");

            migrationBuilder.DropTable(
                name: "link_states");

            migrationBuilder.DropTable(
                name: "message_log");

            migrationBuilder.DropTable(
                name: "message_replies");

            migrationBuilder.DropTable(
                name: "move_in_notices");

            migrationBuilder.DropTable(
                name: "outbox");

            migrationBuilder.DropTable(
                name: "provision_log");

            migrationBuilder.DropTable(
                name: "resident_code_pool");
        }
    }
}

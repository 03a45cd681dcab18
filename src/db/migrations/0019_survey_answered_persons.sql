CREATE TABLE "survey_meeting_answered" (
	"meeting_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	CONSTRAINT "survey_meeting_answered_meeting_id_person_id_pk" PRIMARY KEY("meeting_id","person_id")
);
--> statement-breakpoint
ALTER TABLE "survey_invitations" ADD COLUMN "person_id" uuid;--> statement-breakpoint
ALTER TABLE "survey_meeting_answered" ADD CONSTRAINT "survey_meeting_answered_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_meeting_answered" ADD CONSTRAINT "survey_meeting_answered_person_id_request_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."request_persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_invitations" ADD CONSTRAINT "survey_invitations_person_id_request_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."request_persons"("id") ON DELETE no action ON UPDATE no action;